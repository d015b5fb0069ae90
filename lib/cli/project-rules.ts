import { projectRules } from '../config/load-config.js';
import { ConfigError } from '../config/resolve-config.js';
import { LIBRARY_RULES, type RuleTables } from '../config/rule-tables.js';
import type { Defaults } from '../constructs/defaults.js';
import { UserError } from './errors.js';

/** The organisation's defaults of the App: the config's, with its policies unless it sets them itself. */
export function appDefaults(rules: RuleTables): Defaults {
  return rules.policies === LIBRARY_RULES.policies ? rules.defaults : { policies: rules.policies, ...rules.defaults };
}

let loaded: Promise<RuleTables> | undefined;

/** The rule tables in force for this run (the lading.config of the working directory's project), loaded once. */
export function rulesInForce(): Promise<RuleTables> {
  loaded ??= projectRules().catch((e: unknown) => {
    throw e instanceof ConfigError ? new UserError(e.message) : e;
  });
  return loaded;
}
