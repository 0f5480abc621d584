import { z } from 'zod';
import { catalogueData } from './catalogue.data.ts';
import { CatalogueSchema, type Catalogue } from './schema.ts';

/**
 * Validates catalogue data; a broken catalogue stops the start with a readable message.
 * @example loadCatalogue(JSON.parse(text)).specVersion // "1.0.0"
 */
export function loadCatalogue(raw: unknown): Catalogue {
  const parsed = CatalogueSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`programme catalogue is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The catalogue shipped with the code, loaded and validated once. */
export const catalogue: Catalogue = loadCatalogue(catalogueData);
