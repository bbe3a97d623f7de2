export { DEFAULT_GROUPS, type OrganisationGroup } from './groups';
export { type OrganisationKey, type UnitKind, organisationKey } from './key';
export {
  type OrganisationConflict,
  type OrganisationMatch,
  conflictBetween,
  matchKeys,
  sameOrganisation,
} from './match';
