import type { InstitutionKind } from '../../domain/entities.ts';
import { builder } from '../builder.ts';

// The values that come from a fixed set, as enums in outputs and inputs alike (a frontend
// generates a union type from each instead of guessing from examples). Each enum's internal
// value is what the database column holds.

/** Every institution category the extraction assigns, described; a new one fails to compile. */
const CATEGORIES: Record<InstitutionKind, string> = {
  bank: 'A bank.',
  insurer: 'An insurer.',
  broker: 'A securities firm or broker.',
  fund: 'A fund or asset manager.',
  consumer_finance: 'A consumer finance company.',
  fintech: 'A financial technology company.',
  tech: 'A technology company.',
  regulator: 'A financial regulator.',
  government: 'A government body.',
  media: 'A newspaper, magazine or news site.',
  university: 'A university or school.',
  research: 'A research institute or think tank.',
  law_firm: 'A law firm.',
  investment: 'An investment company or holding.',
  association: 'An industry association.',
  other: 'None of the above, or not known.',
};

export const InstitutionCategory = builder.enumType('InstitutionCategory', {
  description: 'What kind of institution it is.',
  values: Object.fromEntries(
    Object.entries(CATEGORIES).map(([value, description]) => [
      value.toUpperCase(),
      { value: value as InstitutionKind, description },
    ]),
  ) as Record<Uppercase<InstitutionKind>, { value: InstitutionKind; description: string }>,
});

export const MentionKind = builder.enumType('MentionKind', {
  description: 'What a mention is evidence of.',
  values: {
    PERSON: { description: 'A person named.' },
    INSTITUTION: { description: 'An institution named.' },
    MODEL: { description: 'A model named.' },
    CHALLENGE: { description: 'A challenge raised.' },
    AFFILIATION: { description: 'A person’s role at an institution.' },
    DEVELOPMENT: { description: 'An institution developing a model.' },
    RAISED: { description: 'A person raising a challenge.' },
    VERSION: { description: 'A version of a model, with its parameters or date.' },
  } as const,
});

export const DocumentFormat = builder.enumType('DocumentFormat', {
  description: 'How a document is written.',
  values: {
    TXT: { value: 'txt', description: 'Plain text.' },
    HTML: { value: 'html', description: 'An HTML page (its furniture is stripped).' },
    MD: { value: 'md', description: 'Markdown.' },
  } as const,
});
