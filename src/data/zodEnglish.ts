import { en } from "zod/locales";

/**
 * zod's English messages, passed to each `safeParse` (zod's mini build loads no locale by itself;
 * passing them per parse leaves the global zod configuration of an application alone). Only the
 * English locale is bundled, not zod's other locales.
 */
export const zodEnglish = en().localeError;
