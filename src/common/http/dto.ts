import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** Text as people type it, stored in Unicode NFC and trimmed (DEVELOPING.md): "Hoà" typed in NFD is kept as NFC. */
export const Nfc = () => Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

/** A real calendar date YYYY-MM-DD (2023-02-30 is refused). */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * A calendar date YYYY-MM-DD within [from, to] (default 2000-01-01 … 2100-12-31, the years this
 * service keeps data for): 1999 or 2101 is a 400 naming the field, not a row nobody can report on.
 */
export function IsDateIn(from = '2000-01-01', to = '2100-12-31', options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateIn', target: object.constructor, propertyName, options, constraints: [from, to],
      validator: {
        validate: (v: unknown) => isCalendarDate(v) && v >= from && v <= to,
        defaultMessage: () => `${propertyName} must be a date YYYY-MM-DD between ${from} and ${to}`,
      },
    });
}
