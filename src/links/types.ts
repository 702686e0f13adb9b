/** One creator (influencer, newsletter author, speaker…) who gets tagged links. */
export interface Creator {
  /** Stable id, unique (case-insensitive) in the registry. Written as `utm_content` unless the campaign sets one. */
  id: string
  /** Display name, for the creator brief. */
  name: string
  /** Where the creator publishes (`youtube`, `x`, `newsletter`…). Written as `utm_source`. */
  platform: string
  /** Attribution channel the creator belongs to (`influencer`, `community`…). */
  channel: string
  /** Referral code, unique (case-insensitive). Written as `ref` (the first of `REF_PARAMS`). */
  code: string
  /** Landing page for this creator's links, instead of the campaign's. */
  landing?: string
  /** First day of the deal, `YYYY-MM-DD`. */
  start?: string
  /** Last day of the deal, `YYYY-MM-DD`. */
  end?: string
  /** Campaign ids this creator takes part in. @default every campaign */
  campaigns?: string[]
  /** What the deal cost (a number ≥ 0, in `currency`): `firstparty report` shows cost per signup. */
  cost?: number
  /** ISO 4217 code of `cost`, e.g. `USD`. */
  currency?: string
}

/** One campaign: the links of every creator taking part share its medium and landing page. */
export interface Campaign {
  /** Stable id, unique (case-insensitive). Written as `utm_campaign`. */
  id: string
  /** Display name. */
  name: string
  /** Written as `utm_medium` (`affiliate`, `email`, `social`, `video`, `event`, `referral`). */
  medium: string
  /** Landing page URL (https). */
  landing: string
  /** Default `utm_content`. @default the creator id */
  content?: string
  /** Default `utm_term`. */
  term?: string
  /** First day, `YYYY-MM-DD`. */
  start?: string
  /** Last day, `YYYY-MM-DD`; links of an ended campaign are a finding. */
  end?: string
  /** What the campaign cost (a number ≥ 0, in `currency`): `firstparty report` shows cost per signup. */
  cost?: number
  /** ISO 4217 code of `cost`, e.g. `EUR`. */
  currency?: string
}

/** The registry file (`firstparty.links.json`). */
export interface Registry {
  /** JSON Schema reference for editor completion; ignored. */
  $schema?: string
  /** Hosts landing pages may use; a host matches itself and its subdomains. @default any https host */
  allowedDomains?: string[]
  /** Reject codes containing characters that are easy to misread (`0 O 1 l I`). @default false */
  rejectAmbiguousCodes?: boolean
  /** Query parameter carrying the creator code. @default 'ref' (the first of `REF_PARAMS`) */
  refParam?: string
  creators: Creator[]
  campaigns: Campaign[]
}

/** A link produced by {@link buildLinks}. */
export interface BuiltLink {
  creator: string
  name: string
  platform: string
  channel: string
  code: string
  campaign: string
  /** The tagged URL. */
  url: string
}

/** One validation problem. */
export interface LinkFinding {
  /** Stable rule name, e.g. `duplicate-code`. */
  rule: string
  /** Registry file, when known. */
  file?: string
  /** 1-based line of the offending value (or entry) in the file, when the JSON text is known. */
  line?: number
  /** Entry, e.g. `creators[3] (theo)`. */
  entry: string
  /** Field, e.g. `code`; empty for the whole entry or file. */
  field: string
  message: string
}
