// Entry import mapping: header detection, value clean-up and row → entry. Pure.

export {
  ENTRY_FIELDS,
  detectMapping,
  fieldDef,
  headerKey,
  isKnownHeader,
  isRowCounterHeader,
  type EntryField,
  type EntryFieldDef,
} from './fields';
export {
  mapEntryRow,
  missingRequiredFields,
  overStoredRow,
  requiredFields,
  type MapRowResult,
  type MappedEntry,
  type RowProblem,
  type SourceRow,
} from './map';
export {
  PROVINCES,
  formatDecimal,
  normaliseAmountWan,
  normaliseCode,
  normaliseCount,
  normaliseDate,
  normaliseList,
  normaliseProvince,
} from './normalise';
