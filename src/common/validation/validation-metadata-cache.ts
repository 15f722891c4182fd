import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Metadatas = ReturnType<Lookup>;

const PATCHED = Symbol.for('pai.validationMetadataCache');

/**
 * class-validator looks up a DTO's rules on every validate() call by filtering its metadata and
 * testing the DTO against every decorated class for inheritance (hundreds here): the largest
 * share of the validation pipe's CPU per request, and the same answer every time once the
 * decorators have run. This memoises the lookup (and the per-property grouping of its answer)
 * per class and options, and forgets everything whenever a rule is added, so a class decorated
 * later is still seen. Idempotent: patching twice keeps one cache.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const patched = storage as Storage & { [PATCHED]?: true };
  if (patched[PATCHED]) return;
  patched[PATCHED] = true;
  let lookups = new Map<unknown, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, ReturnType<Storage['groupByPropertyName']>>();
  const forget = () => {
    lookups = new Map();
    grouped = new WeakMap();
  };

  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (
    targetConstructor,
    targetSchema,
    always,
    strictGroups,
    groups,
  ) => {
    const key = `${targetSchema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = lookups.get(targetConstructor);
    if (!byOptions) lookups.set(targetConstructor, (byOptions = new Map()));
    let metadatas = byOptions.get(key);
    if (!metadatas)
      byOptions.set(
        key,
        (metadatas = lookup(targetConstructor, targetSchema, always, strictGroups, groups)),
      );
    return metadatas;
  };
  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadatas) => {
    let answer = grouped.get(metadatas);
    if (!answer) grouped.set(metadatas, (answer = group(metadatas)));
    return answer;
  };
  const addMetadata = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addMetadata(metadata);
  };
  const addSchema = storage.addValidationSchema.bind(storage);
  storage.addValidationSchema = (schema) => {
    forget();
    addSchema(schema);
  };
}
