// Link tagging: a registry of creators and campaigns → validated, normalized, tagged links.
// Browser-safe: nothing here touches the file system (the CLI reads files with config/json.ts and writes them with output.ts).
export { tagLink, linkUtms, type TagLinkOptions } from './tag.js'
export { buildLinks, type BuildLinksOptions } from './build.js'
export { validateRegistry, CREATOR_CHANNELS, type ValidateOptions } from './validate.js'
export { normalizeValue, normalizeCode } from './normalize.js'
export { linkTypes } from './codegen.js'
export { csvCell, toCsv, toJson, toMarkdown, render, FORMATS, type Format } from './formats.js'
export type { Registry, Creator, Campaign, BuiltLink, LinkFinding } from './types.js'
