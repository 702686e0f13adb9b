// firstparty's own guard carries the tracker catalog (hosts, paths, snippet fingerprints) to block
// trackers; scanning it would report every tracker it blocks. Recognise it and leave it out.
// The rule lives with the guard (src/guard/detect.ts), which applies it in the page too.
export { isFirstpartyGuard } from '../../guard/detect.js'
