import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/** A BCP 47 language tag: "en", "en-GB", "zh-Hant-TW", "de-CH-1996". */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
export const MAX_LANGUAGE_TAG_LENGTH = 35;

export function isLanguageTag(value: unknown): value is string {
  if (
    typeof value !== 'string' ||
    value.length > MAX_LANGUAGE_TAG_LENGTH ||
    !LANGUAGE_TAG.test(value)
  )
    return false;
  try {
    // Rejects structurally invalid tags the pattern lets through (e.g. "en-a", a duplicate variant).
    Intl.getCanonicalLocales(value);
    return true;
  } catch {
    return false;
  }
}

export function IsLanguageTag(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLanguageTag',
      validator: {
        validate: isLanguageTag,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a BCP 47 language tag such as "en" or "en-GB"`,
          options,
        ),
      },
    },
    options,
  );
}
