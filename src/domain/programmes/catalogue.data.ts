import type { CatalogueInput } from './schema.ts';

/**
 * The programme catalogue: thresholds, amounts and where-to-apply facts, each
 * with the sources named in shared/domain/DSS-GRS-REFERENCE.md (§1, §2).
 * Parsed and checked by `CatalogueSchema` at load (catalogue.ts).
 *
 * To update for a new fiscal year: add an amount per programme, put the new
 * year first in `fiscalYears`, bump `specVersion`. Never put figures in code.
 * `note` fields are for maintainers; users see only the locale files.
 */

// Sources used more than once.
const DHAKA_TRIBUNE_FY26 = 'dhakatribune.com/bangladesh/government-affairs/380021';
const AMARDESH_FY26 = 'dailyamardesh.com/business/amdxuozl61fg5';
const TBS_FY25 = 'tbsnews.net/…870511';
const TBS_DISABILITY_FY25 = 'tbsnews.net/bangladesh/budget-fy25-… (2024-06-03)';
const BDNEWS_FY24 = 'bdnews24.com/economy/z12rr71zso';
const BDNEWS_FY25 = 'bdnews24.com/economy/aae2a0917a9f';
const MALAY_NEWS = 'malay.news (Prothom Alo report, FY2025-26)';
const CHITALMARI_CHARTER = 'dss.chitalmari.bagerhat.gov.bd';
const MIS_NOTICE = 'banaup.faridpur.gov.bd';
const OAA_CRITERIA_2023 = 'panishorup.brahmanbaria.gov.bd';
const SIM_OWN_NID = 'en.prothomalo.com/bangladesh/46vd5n0avr';
const ENLISTMENT_FREEZE = 'en.prothomalo.com/bangladesh/2jtzgyky0t';
const HIJRA_PAGE = 'hijrabede.gov.bd/home/hijraspecialvata';
const PATIENT_CRITERIA = 'fightingcancerbd.com';

/** Who decides; the same for every programme. */
const DECISION = [
  {
    key: 'programmes:common.decision.committee',
    sources: ['vheduriaup.bhola.gov.bd', 'dss.kushtia.gov.bd', 'dss.atrai.naogaon.gov.bd'],
  },
  { key: 'programmes:common.decision.allocation', sources: [CHITALMARI_CHARTER, ENLISTMENT_FREEZE] },
  { key: 'programmes:common.decision.free', sources: [CHITALMARI_CHARTER] },
];

export const catalogueData = {
  specVersion: '1.0.0',
  basedOn: 'shared/domain/DSS-GRS-REFERENCE.md (FY2025-26 budget proposal of 2 June 2025)',
  fiscalYears: ['2025-26', '2024-25'],
  oneAllowanceOnly: {
    programmes: ['old_age', 'widow', 'disability', 'hijra', 'bede'],
    sources: [OAA_CRITERIA_2023, 'dss.kushtia.gov.bd'],
  },
  programmes: [
    {
      id: 'old_age',
      sources: [DHAKA_TRIBUNE_FY26, AMARDESH_FY26, TBS_FY25],
      amounts: [
        { kind: 'monthly', taka: 650, fiscalYear: '2025-26', proposed: true, inferred: false, sources: [AMARDESH_FY26, DHAKA_TRIBUNE_FY26] },
        { kind: 'monthly', taka: 600, fiscalYear: '2024-25', proposed: false, inferred: false, sources: [TBS_FY25, BDNEWS_FY24] },
      ],
      rules: {
        minAge: {
          male: {
            known: true,
            value: 65,
            comparison: 'at_least',
            sources: ['css.narail.gov.bd', 'dss.kushtia.gov.bd', 'dss.tarakanda.mymensingh.gov.bd', MIS_NOTICE],
          },
          female: {
            known: true,
            value: 62,
            comparison: 'at_least',
            sources: ['css.narail.gov.bd', 'dss.kushtia.gov.bd', 'dss.tarakanda.mymensingh.gov.bd', MIS_NOTICE],
            note: 'Lowered from 65 when the 2013 implementation policy was amended.',
          },
          hijra: {
            known: false,
            between: [62, 65],
            sources: ['css.narail.gov.bd', 'dss.kushtia.gov.bd'],
            note: 'The policy as paraphrased names men and women only; the reference is silent on hijra. Below the women’s age fails either way, the men’s age or over passes either way, in between we cannot tell.',
          },
        },
        income: {
          value: 10000,
          comparison: 'below',
          basis: 'annual',
          sources: [OAA_CRITERIA_2023, 'en.amarsokal24.com'],
          note: 'Annual average income below Tk 10,000 (2023 criteria notice). Older UP pages say Tk 3,000: see disagreements.',
        },
        excludesGovtServiceOrPension: { sources: [OAA_CRITERIA_2023, '4noaihaiup.naogaon.gov.bd'] },
        excludesOtherAllowance: {
          sources: [OAA_CRITERIA_2023, '4noaihaiup.naogaon.gov.bd'],
          note: 'Other regular government allowance, VGD card, or NGO grant.',
        },
        requiresPermanentResident: { sources: ['dss.atrai.naogaon.gov.bd', 'dss.bhola.gov.bd'] },
      },
      info: {
        documents: [
          { key: 'programmes:old_age.documents.nid', sources: [OAA_CRITERIA_2023] },
          { key: 'programmes:old_age.documents.mobile', sources: [MIS_NOTICE, SIM_OWN_NID] },
          { key: 'programmes:old_age.documents.photos', sources: [CHITALMARI_CHARTER] },
        ],
        apply: [
          { key: 'programmes:old_age.apply.online', sources: [MIS_NOTICE, 'rakibtechreview.com'] },
          { key: 'programmes:old_age.apply.union_digital_centre', sources: [MIS_NOTICE] },
          { key: 'programmes:old_age.apply.upazila_office', sources: [CHITALMARI_CHARTER] },
          { key: 'programmes:old_age.apply.no_reapply', sources: [MIS_NOTICE] },
        ],
        priority: [
          { key: 'programmes:old_age.priority.oldest', sources: ['dss.bhola.gov.bd', 'dss.bogra.gov.bd', 'dss.tarakanda.mymensingh.gov.bd'] },
          { key: 'programmes:old_age.priority.disabled', sources: ['dss.bhola.gov.bd', 'dss.bogra.gov.bd', 'dss.tarakanda.mymensingh.gov.bd'] },
          { key: 'programmes:old_age.priority.destitute', sources: ['dss.bhola.gov.bd', 'dss.bogra.gov.bd', 'debparraup.habiganj.gov.bd'] },
          { key: 'programmes:old_age.priority.alone', sources: ['dss.bhola.gov.bd', 'dss.bogra.gov.bd', 'debparraup.habiganj.gov.bd'] },
          { key: 'programmes:old_age.priority.landless', sources: [PATIENT_CRITERIA, 'en.amarsokal24.com'] },
          { key: 'programmes:old_age.priority.food', sources: ['debparraup.habiganj.gov.bd'] },
        ],
        decision: DECISION,
      },
    },
    {
      id: 'widow',
      sources: [DHAKA_TRIBUNE_FY26, 'ucdo.bhola.gov.bd', TBS_FY25],
      amounts: [
        { kind: 'monthly', taka: 650, fiscalYear: '2025-26', proposed: true, inferred: false, sources: [DHAKA_TRIBUNE_FY26, AMARDESH_FY26] },
        { kind: 'monthly', taka: 550, fiscalYear: '2024-25', proposed: false, inferred: false, sources: [TBS_FY25, 'ucdo.bhola.gov.bd'] },
      ],
      rules: {
        womenOnly: { sources: ['ucdo.bhola.gov.bd', 'dss.sadar.chandpur.gov.bd'] },
        maritalStatuses: {
          values: ['widowed', 'deserted'],
          desertedMinYears: 2,
          sources: ['dss.sadar.chandpur.gov.bd', 'dss.tarakanda.mymensingh.gov.bd'],
        },
        minAge: { known: true, value: 18, comparison: 'above', sources: ['dss.sadar.chandpur.gov.bd'] },
        income: {
          value: 12000,
          comparison: 'at_most',
          basis: 'annual',
          sources: ['dss.kushtia.gov.bd'],
          note: 'One DSS page (process map). Older UP pages say Tk 3,000: see disagreements.',
        },
        excludesGovtServiceOrPension: { sources: ['dss.kushtia.gov.bd', '6nojahanpurup.naogaon.gov.bd'] },
        excludesOtherAllowance: { sources: ['dss.kushtia.gov.bd', '6nojahanpurup.naogaon.gov.bd'] },
      },
      info: {
        documents: [
          { key: 'programmes:widow.documents.form', sources: ['dss.kushtia.gov.bd'] },
          { key: 'programmes:widow.documents.nid', sources: ['dss.kushtia.gov.bd', CHITALMARI_CHARTER] },
          { key: 'programmes:widow.documents.birth_certificate', sources: ['dss.kushtia.gov.bd'] },
          { key: 'programmes:widow.documents.income_certificate', sources: ['dss.kushtia.gov.bd'] },
          { key: 'programmes:widow.documents.photos', sources: ['dss.kushtia.gov.bd', CHITALMARI_CHARTER] },
          { key: 'programmes:widow.documents.mobile', sources: [MIS_NOTICE, SIM_OWN_NID] },
        ],
        apply: [
          { key: 'programmes:widow.apply.online', sources: [MIS_NOTICE, 'rakibtechreview.com'] },
          { key: 'programmes:widow.apply.union_digital_centre', sources: [MIS_NOTICE] },
          { key: 'programmes:widow.apply.upazila_office', sources: [CHITALMARI_CHARTER, 'dss.kushtia.gov.bd'] },
          { key: 'programmes:widow.apply.no_reapply', sources: [MIS_NOTICE] },
        ],
        priority: [
          { key: 'programmes:widow.priority.oldest_poorest', sources: ['kaundiaup.dhaka.gov.bd', 'rakibtechreview.com'] },
          { key: 'programmes:widow.priority.landless', sources: ['kaundiaup.dhaka.gov.bd', 'rakibtechreview.com'] },
          { key: 'programmes:widow.priority.children', sources: ['kaundiaup.dhaka.gov.bd', 'rakibtechreview.com'] },
          { key: 'programmes:widow.priority.disabled_sick', sources: ['kaundiaup.dhaka.gov.bd', 'rakibtechreview.com'] },
        ],
        decision: DECISION,
      },
    },
    {
      id: 'disability',
      sources: [AMARDESH_FY26, TBS_DISABILITY_FY25, TBS_FY25],
      amounts: [
        { kind: 'monthly', taka: 900, fiscalYear: '2025-26', proposed: true, inferred: false, sources: [AMARDESH_FY26] },
        {
          kind: 'monthly',
          taka: 850,
          fiscalYear: '2024-25',
          proposed: false,
          inferred: false,
          sources: [TBS_DISABILITY_FY25, TBS_FY25, 'bangladeshpost.net (2022-05-27)', 'dss.sunamganj.gov.bd'],
          note: 'Tk 850 from FY2022-23 through FY2024-25.',
        },
      ],
      rules: {
        requiresSubornoCard: {
          sources: ['dss.sonatala.bogra.gov.bd', 'dss.shajahanpur.bogra.gov.bd', 'dss.bhola.gov.bd'],
          note: 'Registered in DIS (www.dis.gov.bd) with a Suborno Nagorik card; MIS checks DIS.',
        },
        minAge: { known: true, value: 6, comparison: 'above', sources: [TBS_DISABILITY_FY25] },
        income: {
          value: 36000,
          comparison: 'at_most',
          basis: 'annual',
          sources: [TBS_DISABILITY_FY25],
          note: 'Finance Division via TBS. Older UP pages: per-capita Tk 24,000 — see disagreements.',
        },
        requiresPermanentResident: {
          sources: ['kaundiaup.dhaka.gov.bd'],
          note: '"Resident of the area" in the reference; asked with the same question as for old age.',
        },
      },
      info: {
        documents: [
          { key: 'programmes:disability.documents.suborno_card', sources: ['dss.sonatala.bogra.gov.bd'] },
          { key: 'programmes:disability.documents.nid', sources: ['dss.sonatala.bogra.gov.bd'] },
          { key: 'programmes:disability.documents.mobile', sources: ['dss.sonatala.bogra.gov.bd', SIM_OWN_NID] },
          { key: 'programmes:disability.documents.photos', sources: [CHITALMARI_CHARTER] },
        ],
        apply: [
          { key: 'programmes:disability.apply.online', sources: ['dss.sonatala.bogra.gov.bd'] },
          { key: 'programmes:disability.apply.union_digital_centre', sources: [MIS_NOTICE] },
          { key: 'programmes:disability.apply.upazila_office', sources: [CHITALMARI_CHARTER] },
          { key: 'programmes:disability.apply.identification', sources: ['dss.shajahanpur.bogra.gov.bd', 'dss.bhola.gov.bd'] },
        ],
        priority: [
          { key: 'programmes:disability.priority.children_intellectual', sources: ['kaundiaup.dhaka.gov.bd'] },
          { key: 'programmes:disability.priority.blind', sources: ['kaundiaup.dhaka.gov.bd'] },
        ],
        decision: DECISION,
      },
    },
    {
      id: 'disability_stipend',
      sources: ['dss.harinakundu.jhenaidah.gov.bd', BDNEWS_FY25, 'bagatiparaup.natore.gov.bd'],
      amounts: [
        {
          kind: 'monthly_by_level',
          byLevel: { primary: 900, secondary: 950, higher_secondary: 1050, higher: 1300 },
          fiscalYear: '2025-26',
          proposed: false,
          inferred: true,
          sources: ['dss.harinakundu.jhenaidah.gov.bd', BDNEWS_FY25, TBS_FY25],
          note: 'No change reported in the FY2025-26 budget proposal; the FY2024-25 rates are assumed.',
        },
        {
          kind: 'monthly_by_level',
          byLevel: { primary: 900, secondary: 950, higher_secondary: 1050, higher: 1300 },
          fiscalYear: '2024-25',
          proposed: false,
          inferred: false,
          sources: ['dss.harinakundu.jhenaidah.gov.bd', BDNEWS_FY25, TBS_FY25],
          note: 'Higher-secondary rate rose from 950 to 1,050 in FY2024-25.',
        },
      ],
      rules: {
        requiresSubornoCard: {
          sources: ['bagatiparaup.natore.gov.bd', 'sites.google.com/view/digitalbangladesh'],
          note: '"Must be surveyed/identified and registered by DSS"; the Suborno card is the proof of that.',
        },
        requiresStudent: { sources: ['bagatiparaup.natore.gov.bd', 'sites.google.com/view/digitalbangladesh'] },
        minAge: { known: true, value: 5, comparison: 'above', sources: ['bagatiparaup.natore.gov.bd'] },
        income: {
          value: 36000,
          comparison: 'below',
          basis: 'per_capita_family',
          sources: ['bagatiparaup.natore.gov.bd', 'sites.google.com/view/digitalbangladesh'],
          note: 'Per-capita family income; we only have the income the user gave, and say so in the reason.',
        },
      },
      info: {
        documents: [
          { key: 'programmes:disability_stipend.documents.form', sources: ['bagatiparaup.natore.gov.bd'] },
          { key: 'programmes:disability_stipend.documents.suborno_card', sources: ['bagatiparaup.natore.gov.bd'] },
          { key: 'programmes:disability_stipend.documents.guardian_account', sources: ['bagatiparaup.natore.gov.bd'] },
        ],
        apply: [
          { key: 'programmes:disability_stipend.apply.upazila_office', sources: ['bagatiparaup.natore.gov.bd'] },
        ],
        priority: [],
        decision: [
          ...DECISION,
          { key: 'programmes:disability_stipend.decision.three_months', sources: ['bagatiparaup.natore.gov.bd'] },
        ],
      },
    },
    {
      id: 'hijra',
      sources: [HIJRA_PAGE, 'thebarta.com ?p=22200', MALAY_NEWS],
      amounts: [
        { kind: 'monthly', taka: 650, fiscalYear: '2025-26', proposed: true, inferred: false, sources: [MALAY_NEWS] },
        {
          kind: 'monthly',
          taka: 600,
          fiscalYear: '2024-25',
          proposed: false,
          inferred: false,
          sources: ['thebarta.com ?p=22200', 'observerbd.com id=236685', MALAY_NEWS],
          note: 'Tk 600 from FY2016-17 (thebarta); dss.gov.bd gave Tk 500 for FY2020-21: see disagreements.',
        },
      ],
      rules: {
        hijraOnly: { sources: [HIJRA_PAGE] },
        minAge: { known: true, value: 50, comparison: 'at_least', sources: [HIJRA_PAGE] },
        insolventJudgedByCommittee: {
          sources: [HIJRA_PAGE],
          note: 'For hijra aged 50+ who are disabled/unable to work and insolvent; no numeric ceiling in any source.',
        },
      },
      info: {
        documents: [{ key: 'programmes:hijra.documents.ask_office', sources: [CHITALMARI_CHARTER] }],
        apply: [
          { key: 'programmes:hijra.apply.upazila_office', sources: [CHITALMARI_CHARTER] },
          { key: 'programmes:hijra.apply.website', sources: [HIJRA_PAGE] },
        ],
        priority: [],
        decision: DECISION,
      },
    },
    {
      id: 'bede',
      sources: ['dss.rangpurdiv.gov.bd', MALAY_NEWS, AMARDESH_FY26],
      amounts: [
        { kind: 'monthly', taka: 650, fiscalYear: '2025-26', proposed: true, inferred: false, sources: [MALAY_NEWS, AMARDESH_FY26] },
        { kind: 'monthly', taka: 500, fiscalYear: '2024-25', proposed: false, inferred: false, sources: [MALAY_NEWS, 'dss.gov.bd', 'dss.rangpurdiv.gov.bd'] },
      ],
      rules: {
        communities: {
          values: ['bede', 'backward'],
          sources: ['dss.rangpurdiv.gov.bd', 'dss.kurigram.gov.bd', 'dss.hajiganj.chandpur.gov.bd'],
        },
        minAge: {
          known: false,
          sources: ['dss.rangpurdiv.gov.bd'],
          note: 'A "special allowance for elderly persons"; no source seen gives the age. Confirm from the policy before setting a value.',
        },
      },
      info: {
        documents: [{ key: 'programmes:bede.documents.ask_office', sources: [CHITALMARI_CHARTER] }],
        apply: [
          { key: 'programmes:bede.apply.upazila_office', sources: [CHITALMARI_CHARTER, 'dss.rangpurdiv.gov.bd'] },
          { key: 'programmes:bede.apply.website', sources: ['hijrabede.gov.bd', '4beats.net/hijra-bede'] },
        ],
        priority: [],
        decision: DECISION,
      },
    },
    {
      id: 'patient_assistance',
      sources: ['dss.dhobaura.mymensingh.gov.bd', 'cplusbd.com', 'tbsnews.net (2023-04-01)'],
      amounts: [
        {
          kind: 'one_off',
          taka: 50000,
          fiscalYear: '2025-26',
          proposed: false,
          inferred: true,
          sources: ['cplusbd.com', 'dss.magura.gov.bd', 'dss.digholia.khulna.gov.bd'],
          note: 'No year-specific figure; the standing Tk 50,000 is assumed. The government may change it (fightingcancerbd.com).',
        },
        {
          kind: 'one_off',
          taka: 50000,
          fiscalYear: '2024-25',
          proposed: false,
          inferred: true,
          sources: ['cplusbd.com', 'dss.magura.gov.bd', 'dss.digholia.khulna.gov.bd', 'tbsnews.net (2023-04-01)'],
          note: 'Tk 50,000 reported for FY2022-23 (Chattogram); no later change found.',
        },
      ],
      rules: {
        illnesses: {
          values: ['cancer', 'kidney', 'liver_cirrhosis', 'stroke_paralysis', 'congenital_heart', 'thalassaemia'],
          sources: ['dss.dhobaura.mymensingh.gov.bd', 'ssp.chandpur.gov.bd'],
        },
        physicianCertificate: { sources: [PATIENT_CRITERIA] },
        poorJudgedByCommittee: { sources: [PATIENT_CRITERIA, 'cplusbd.com'] },
      },
      info: {
        documents: [
          { key: 'programmes:patient_assistance.documents.physician_certificate', sources: [PATIENT_CRITERIA] },
          { key: 'programmes:patient_assistance.documents.reports', sources: [PATIENT_CRITERIA] },
          { key: 'programmes:patient_assistance.documents.biopsy', sources: [PATIENT_CRITERIA] },
          { key: 'programmes:patient_assistance.documents.nid', sources: [PATIENT_CRITERIA] },
        ],
        apply: [
          { key: 'programmes:patient_assistance.apply.online', sources: ['dss.magura.gov.bd'] },
          { key: 'programmes:patient_assistance.apply.upazila_office', sources: ['dss.digholia.khulna.gov.bd'] },
        ],
        priority: [
          { key: 'programmes:patient_assistance.priority.poorest', sources: [PATIENT_CRITERIA] },
          { key: 'programmes:patient_assistance.priority.groups', sources: [PATIENT_CRITERIA] },
          { key: 'programmes:patient_assistance.priority.landless', sources: [PATIENT_CRITERIA] },
        ],
        decision: DECISION,
      },
    },
  ],
  disagreements: [
    {
      code: 'oaa_income_ceiling',
      programmeId: 'old_age',
      topic: 'income',
      positions: [
        { label: 'current', value: 10000, status: 'used', sources: [OAA_CRITERIA_2023, 'en.amarsokal24.com'] },
        { label: 'old', value: 3000, status: 'obsolete', sources: ['kaundiaup.dhaka.gov.bd', 'debparraup.habiganj.gov.bd'] },
      ],
    },
    {
      code: 'oaa_women_age',
      programmeId: 'old_age',
      topic: 'age_female',
      positions: [
        {
          label: 'current',
          value: 62,
          status: 'used',
          sources: ['css.narail.gov.bd', 'dss.kushtia.gov.bd', 'dss.tarakanda.mymensingh.gov.bd'],
        },
        { label: 'typo', value: 63, status: 'likely_typo', sources: ['dhalaparaup.tangail'] },
        { label: 'old', value: 57, status: 'obsolete', sources: ['4noumarup.naogaon'], note: 'Pre-2013 policy.' },
      ],
    },
    {
      code: 'widow_income_ceiling',
      programmeId: 'widow',
      topic: 'income',
      positions: [
        { label: 'current', value: 12000, status: 'used', sources: ['dss.kushtia.gov.bd'] },
        { label: 'old', value: 3000, status: 'obsolete', sources: ['kaundiaup.dhaka.gov.bd'] },
      ],
    },
    {
      code: 'disability_income_ceiling',
      programmeId: 'disability',
      topic: 'income',
      positions: [
        { label: 'current', value: 36000, status: 'used', sources: [TBS_DISABILITY_FY25] },
        {
          label: 'old',
          value: 24000,
          status: 'obsolete',
          sources: ['kaundiaup.dhaka.gov.bd', 'ruhiapashchimup.thakurgaon.gov.bd'],
          note: 'Per-capita annual income; superseded.',
        },
      ],
    },
    {
      code: 'hijra_amount',
      programmeId: 'hijra',
      topic: 'amount',
      fiscalYears: ['2024-25'],
      positions: [
        {
          label: 'current',
          value: 600,
          status: 'used',
          sources: ['thebarta.com ?p=22200', 'observerbd.com id=236685'],
          note: 'Tk 600 since FY2016-17.',
        },
        { label: 'other', value: 500, status: 'disputed', sources: ['dss.gov.bd'], note: 'dss.gov.bd home page, FY2020-21 text.' },
      ],
    },
  ],
} satisfies CatalogueInput;
