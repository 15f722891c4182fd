import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import {
  IsInt,
  IsOptional,
  IsString,
  MetadataStorage,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { Type } from 'class-transformer';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

class Base {
  @IsString()
  name!: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  size!: number;
}

class Holder {
  @ValidateNested()
  @Type(() => Child)
  child!: Child;

  @IsOptional()
  @IsString()
  note?: string;
}

/** A storage of its own holding copies of the global rules, so the test never patches the app's. */
function copyOfGlobalStorage(): MetadataStorage {
  const storage = new MetadataStorage();
  const global = (globalThis as { classValidatorMetadataStorage?: MetadataStorage })
    .classValidatorMetadataStorage!;
  for (const target of [Base, Child, Holder]) {
    for (const metadata of global.getTargetValidationMetadatas(target, '', false, false)) {
      if (metadata.target === target) storage.addValidationMetadata(metadata);
    }
  }
  return storage;
}

describe('cacheValidationMetadata', () => {
  it('answers as the uncached lookup does, for own and inherited rules and any options', () => {
    const plain = copyOfGlobalStorage();
    const cached = copyOfGlobalStorage();
    cacheValidationMetadata(cached);
    for (const target of [Base, Child, Holder]) {
      for (const [always, strict, groups] of [
        [false, false, undefined],
        [true, false, undefined],
        [false, true, ['a']],
      ] as const) {
        const expected = plain.getTargetValidationMetadatas(
          target,
          '',
          always,
          strict,
          groups ? [...groups] : undefined,
        );
        const first = cached.getTargetValidationMetadatas(
          target,
          '',
          always,
          strict,
          groups ? [...groups] : undefined,
        );
        const again = cached.getTargetValidationMetadatas(
          target,
          '',
          always,
          strict,
          groups ? [...groups] : undefined,
        );
        expect(first).toEqual(expected);
        expect(again).toBe(first);
        expect(cached.groupByPropertyName(again)).toEqual(plain.groupByPropertyName(expected));
      }
    }
    expect(
      Object.keys(
        cached.groupByPropertyName(cached.getTargetValidationMetadatas(Child, '', false, false)),
      ),
    ).toEqual(['size', 'name']);
  });

  it('forgets its answers when a rule is added, so later decorators count', () => {
    const storage = copyOfGlobalStorage();
    cacheValidationMetadata(storage);
    const before = storage.getTargetValidationMetadatas(Child, '', false, false);
    const [rule] = storage
      .getTargetValidationMetadatas(Holder, '', false, false)
      .filter((metadata) => metadata.propertyName === 'note');
    storage.addValidationMetadata(
      Object.assign(Object.create(Object.getPrototypeOf(rule)), rule, {
        target: Base,
        propertyName: 'extra',
      }),
    );
    const after = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(after).toHaveLength(before.length + 1);
    expect(after.map((metadata) => metadata.propertyName)).toContain('extra');
  });

  it('keeps validation results unchanged on the patched global storage, patched twice', () => {
    cacheValidationMetadata();
    cacheValidationMetadata();
    const check = (value: unknown) =>
      validateSync(Object.assign(new Holder(), value), {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
      }).map((error) => error.property);
    const child = Object.assign(new Child(), { name: 'a', size: 2 });
    expect(check({ child })).toEqual([]);
    expect(check({ child: Object.assign(new Child(), { name: 3, size: 0 }) })).toEqual(['child']);
    expect(check({ child, unknown: 1 })).toEqual(['unknown']);
    expect(check({ child, note: 5 })).toEqual(['note']);
  });
});
