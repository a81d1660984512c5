// A whole number written in a query string or a path: plain decimal digits only. `Number()` (and
// zod's coerce) also read "1e2", "0x10", " 7", "" and "-0" as numbers; a limit or a version is
// written as a person writes it, or refused with a 400 that says how.
import { z } from 'zod';

const DIGITS = /^(?:0|[1-9][0-9]{0,15})$/;

export function decimalInteger(min: number, max: number, message: string) {
  return z
    .string({ error: message })
    .regex(DIGITS, message)
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message));
}
