/** The field manager lading applies as when an object belongs to no application (history records, tests). */
export const FIELD_MANAGER = 'lading';
