import { z } from 'zod';
import { CommunitySchema, EducationLevelSchema, IllnessSchema, MaritalStatusSchema } from './profile.ts';

/**
 * Zod schema of the programme catalogue (the rules, amounts and sources as
 * data). Every fact carries the sources named in
 * shared/domain/DSS-GRS-REFERENCE.md; the rule code reads numbers only from here.
 */

export const ProgrammeIdSchema = z.enum([
  'old_age',
  'widow',
  'disability',
  'disability_stipend',
  'hijra',
  'bede',
  'patient_assistance',
]);
export type ProgrammeId = z.infer<typeof ProgrammeIdSchema>;

/** Host/URL strings as the reference gives them. A fact without a source is refused. */
export const SourcesSchema = z.array(z.string().trim().min(1)).min(1);

/** `FY2025-26` is written `2025-26`. */
export const FiscalYearSchema = z.string().regex(/^\d{4}-\d{2}$/, 'fiscal year like 2025-26');

/** An i18n key in the programmes namespace. */
const ProgrammesKeySchema = z.string().regex(/^programmes:[A-Za-z0-9_.]+$/);

/** A fact with no number of its own (a requirement, an exclusion, a definition). */
export const FactSchema = z.strictObject({
  sources: SourcesSchema,
  /** For maintainers, not shown to users. */
  note: z.string().optional(),
});

/** A known age rule: `at_least` 65 means 65 qualifies; `above` 18 means 19 qualifies. */
const KnownAgeSchema = z.strictObject({
  known: z.literal(true),
  value: z.number().int().min(0).max(130),
  comparison: z.enum(['at_least', 'above']),
  sources: SourcesSchema,
  note: z.string().optional(),
});

/**
 * An age rule the sources do not give. With `between: [lo, hi]` the threshold
 * is known to be one of the values from lo to hi (an `at_least` rule): below lo
 * fails whatever it is, hi or over passes whatever it is, in between we cannot tell.
 * Without `between`, no age can be judged.
 */
const UnknownAgeSchema = z.strictObject({
  known: z.literal(false),
  between: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
  sources: SourcesSchema,
  note: z.string(),
});

export const AgeRuleSchema = z.discriminatedUnion('known', [KnownAgeSchema, UnknownAgeSchema]);
export type AgeRule = z.infer<typeof AgeRuleSchema>;

/** An income ceiling in Taka a year; `below` 10,000 means 9,999 qualifies and 10,000 does not. */
export const IncomeCeilingSchema = z.strictObject({
  value: z.number().int().positive(),
  comparison: z.enum(['below', 'at_most']),
  /** What the ceiling is measured on. We only ever know the person's annual income. */
  basis: z.enum(['annual', 'per_capita_family']),
  sources: SourcesSchema,
  note: z.string().optional(),
});
export type IncomeCeiling = z.infer<typeof IncomeCeilingSchema>;

const LevelAmountsSchema = z.record(EducationLevelSchema, z.number().int().positive());

const AmountBase = {
  fiscalYear: FiscalYearSchema,
  /** From the budget proposal (2 June 2025 for FY2025-26), not a passed budget. */
  proposed: z.boolean(),
  /** No figure found for this year; the rate reported before and after is assumed. */
  inferred: z.boolean(),
  sources: SourcesSchema,
  note: z.string().optional(),
};

export const AmountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('monthly'), taka: z.number().int().positive(), ...AmountBase }),
  z.strictObject({ kind: z.literal('one_off'), taka: z.number().int().positive(), ...AmountBase }),
  z.strictObject({ kind: z.literal('monthly_by_level'), byLevel: LevelAmountsSchema, ...AmountBase }),
]);
export type Amount = z.infer<typeof AmountSchema>;

/** One user-facing line (an i18n key) with the sources it rests on. */
export const InfoItemSchema = z.strictObject({ key: ProgrammesKeySchema, sources: SourcesSchema });
export type InfoItem = z.infer<typeof InfoItemSchema>;

export const InfoSchema = z.strictObject({
  documents: z.array(InfoItemSchema),
  /** Where and how to apply. */
  apply: z.array(InfoItemSchema).min(1),
  /** What selection committees rank on. Empty when the reference lists nothing. */
  priority: z.array(InfoItemSchema),
  /** Who decides, allocation, free service. */
  decision: z.array(InfoItemSchema).min(1),
});
export type Info = z.infer<typeof InfoSchema>;

const OldAgeRulesSchema = z.strictObject({
  minAge: z.strictObject({ male: AgeRuleSchema, female: AgeRuleSchema, hijra: AgeRuleSchema }),
  income: IncomeCeilingSchema,
  excludesGovtServiceOrPension: FactSchema,
  excludesOtherAllowance: FactSchema,
  requiresPermanentResident: FactSchema,
});

const WidowRulesSchema = z.strictObject({
  womenOnly: FactSchema,
  maritalStatuses: z.strictObject({
    values: z.array(MaritalStatusSchema).min(1),
    /** "Deserted" = divorced, or not living with / in contact with the husband for at least this many years. */
    desertedMinYears: z.number().int().positive(),
    sources: SourcesSchema,
  }),
  minAge: AgeRuleSchema,
  income: IncomeCeilingSchema,
  excludesGovtServiceOrPension: FactSchema,
  excludesOtherAllowance: FactSchema,
});

const DisabilityRulesSchema = z.strictObject({
  requiresSubornoCard: FactSchema,
  minAge: AgeRuleSchema,
  income: IncomeCeilingSchema,
  requiresPermanentResident: FactSchema,
});

const StipendRulesSchema = z.strictObject({
  requiresSubornoCard: FactSchema,
  requiresStudent: FactSchema,
  minAge: AgeRuleSchema,
  income: IncomeCeilingSchema,
});

const HijraRulesSchema = z.strictObject({
  hijraOnly: FactSchema,
  minAge: AgeRuleSchema,
  /** Insolvent and disabled / unable to work: no numeric test, the committee judges. */
  insolventJudgedByCommittee: FactSchema,
});

const BedeRulesSchema = z.strictObject({
  communities: z.strictObject({ values: z.array(CommunitySchema).min(1), sources: SourcesSchema }),
  /** "Elderly": the age is not in any source seen. */
  minAge: AgeRuleSchema,
});

const PatientRulesSchema = z.strictObject({
  illnesses: z.strictObject({ values: z.array(IllnessSchema).min(1), sources: SourcesSchema }),
  physicianCertificate: FactSchema,
  /** Poor patients, most destitute first: no numeric ceiling. */
  poorJudgedByCommittee: FactSchema,
});

const ProgrammeBase = {
  /** The programme's main sources (the reference's quick-reference table). */
  sources: SourcesSchema,
  amounts: z.array(AmountSchema).min(1),
  info: InfoSchema,
};

export const ProgrammeSchema = z.discriminatedUnion('id', [
  z.strictObject({ id: z.literal('old_age'), rules: OldAgeRulesSchema, ...ProgrammeBase }),
  z.strictObject({ id: z.literal('widow'), rules: WidowRulesSchema, ...ProgrammeBase }),
  z.strictObject({ id: z.literal('disability'), rules: DisabilityRulesSchema, ...ProgrammeBase }),
  z.strictObject({ id: z.literal('disability_stipend'), rules: StipendRulesSchema, ...ProgrammeBase }),
  z.strictObject({ id: z.literal('hijra'), rules: HijraRulesSchema, ...ProgrammeBase }),
  z.strictObject({ id: z.literal('bede'), rules: BedeRulesSchema, ...ProgrammeBase }),
  z.strictObject({ id: z.literal('patient_assistance'), rules: PatientRulesSchema, ...ProgrammeBase }),
]);
export type Programme = z.infer<typeof ProgrammeSchema>;
export type ProgrammeOf<Id extends ProgrammeId> = Extract<Programme, { id: Id }>;

export const DisagreementCodeSchema = z.enum([
  'oaa_income_ceiling',
  'oaa_women_age',
  'widow_income_ceiling',
  'disability_income_ceiling',
  'hijra_amount',
]);
export type DisagreementCode = z.infer<typeof DisagreementCodeSchema>;

/**
 * Which figure a disagreement is about. A verdict lists the disagreement when
 * it shows a reason resting on that figure (eligibility), or quotes an amount
 * for one of `fiscalYears` (amount).
 */
export const DisagreementTopicSchema = z.enum(['income', 'age_female', 'amount']);

export const DisagreementSchema = z.strictObject({
  code: DisagreementCodeSchema,
  programmeId: ProgrammeIdSchema,
  topic: DisagreementTopicSchema,
  /** For `amount`: the fiscal years whose quoted amount the dispute touches. */
  fiscalYears: z.array(FiscalYearSchema).optional(),
  /** Each position: its figure, which source says it, and how we treat it. `label` names the i18n param. */
  positions: z
    .array(
      z.strictObject({
        label: z.string().regex(/^[a-z_]+$/),
        value: z.number(),
        status: z.enum(['used', 'obsolete', 'likely_typo', 'disputed']),
        sources: SourcesSchema,
        note: z.string().optional(),
      }),
    )
    .min(2),
});
export type Disagreement = z.infer<typeof DisagreementSchema>;

export const CatalogueSchema = z
  .strictObject({
    specVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
    /** The reference these figures were taken from, and its date. */
    basedOn: z.string(),
    /** Fiscal years every programme must have an amount for; the first is the default. */
    fiscalYears: z.array(FiscalYearSchema).min(1),
    programmes: z.array(ProgrammeSchema),
    disagreements: z.array(DisagreementSchema),
    /** Regular allowances of which one person receives only one ("no double-dipping"). */
    oneAllowanceOnly: z.strictObject({ programmes: z.array(ProgrammeIdSchema).min(2), sources: SourcesSchema }),
  })
  .superRefine((cat, ctx) => {
    const ids = cat.programmes.map((p) => p.id);
    for (const id of ProgrammeIdSchema.options) {
      if (!ids.includes(id)) ctx.addIssue({ code: 'custom', message: `programme ${id} is missing` });
    }
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'a programme appears twice' });
    for (const p of cat.programmes) {
      const years = p.amounts.map((a) => a.fiscalYear);
      if (new Set(years).size !== years.length) {
        ctx.addIssue({ code: 'custom', message: `${p.id}: two amounts for one fiscal year` });
      }
      for (const fy of cat.fiscalYears) {
        if (!years.includes(fy)) ctx.addIssue({ code: 'custom', message: `${p.id}: no amount for FY${fy}` });
      }
      const single = p.amounts[0]?.kind;
      if (p.amounts.some((a) => a.kind !== single)) {
        ctx.addIssue({ code: 'custom', message: `${p.id}: amounts of different kinds` });
      }
    }
    const oldAge = cat.programmes.find((p) => p.id === 'old_age');
    if (oldAge && oldAge.id === 'old_age') {
      const { male, female, hijra } = oldAge.rules.minAge;
      if (!hijra.known && hijra.between && male.known && female.known) {
        if (hijra.between[0] !== female.value || hijra.between[1] !== male.value) {
          ctx.addIssue({ code: 'custom', message: 'old_age: the hijra age range must run from the women’s to the men’s age' });
        }
      }
    }
    for (const d of cat.disagreements) {
      if (d.positions.filter((p) => p.status === 'used').length > 1) {
        ctx.addIssue({ code: 'custom', message: `${d.code}: more than one position marked used` });
      }
      if (d.topic === 'amount' && !d.fiscalYears?.length) {
        ctx.addIssue({ code: 'custom', message: `${d.code}: an amount disagreement names its fiscal years` });
      }
    }
    for (const d of cat.disagreements) {
      const used = d.positions.find((p) => p.status === 'used')?.value;
      const programme = cat.programmes.find((p) => p.id === d.programmeId);
      if (used === undefined || programme === undefined) continue;
      const ours = ruleFigures(programme, d.topic, d.fiscalYears ?? []);
      if (ours.length === 0 || ours.some((v) => v !== used)) {
        ctx.addIssue({ code: 'custom', message: `${d.code}: the position marked used (${used}) is not the catalogue's figure` });
      }
    }
    const codes = cat.disagreements.map((d) => d.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', message: 'a disagreement appears twice' });
  });

export type Catalogue = z.infer<typeof CatalogueSchema>;
export type CatalogueInput = z.input<typeof CatalogueSchema>;

/** The catalogue's own figure(s) a disagreement is about, to check it names the one we use. */
function ruleFigures(programme: Programme, topic: z.infer<typeof DisagreementTopicSchema>, fiscalYears: string[]): number[] {
  const rules: Record<string, unknown> = programme.rules;
  switch (topic) {
    case 'income': {
      const income = IncomeCeilingSchema.safeParse(rules['income']);
      return income.success ? [income.data.value] : [];
    }
    case 'age_female':
      return programme.id === 'old_age' && programme.rules.minAge.female.known ? [programme.rules.minAge.female.value] : [];
    case 'amount':
      return programme.amounts
        .filter((a) => fiscalYears.includes(a.fiscalYear))
        .flatMap((a) => (a.kind === 'monthly_by_level' ? Object.values(a.byLevel) : [a.taka]));
  }
}
