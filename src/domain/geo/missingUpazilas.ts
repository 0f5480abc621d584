/**
 * Upazilas created in July 2021 that `bd-divisions-to-unions` 1.0.3 lacks
 * (DSS-GRS-REFERENCE.md §4.2: nuhil/bangladesh-geocode lists them, without
 * unions). People living there name them, so they must be findable. Their
 * unions still sit under the upazilas they were carved from in the package,
 * so these have no children. Codes use a name, not a number, so that they can
 * never collide with a numeric id in a later package release.
 */
export interface ExtraUpazila {
  code: string;
  nameBn: string;
  nameEn: string;
  /** District code. */
  parent: string;
}

export const MISSING_UPAZILAS: readonly ExtraUpazila[] = [
  { code: 'up-eidgaon', nameBn: 'ঈদগাঁও', nameEn: 'Eidgaon', parent: 'ds22' },
  { code: 'up-madhyanagar', nameBn: 'মধ্যনগর', nameEn: 'Madhyanagar', parent: 'ds90' },
  { code: 'up-dasar', nameBn: 'ডাসার', nameEn: 'Dasar', parent: 'ds54' },
];
