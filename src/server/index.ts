export { createHandler, assetsHostFor, type Handler, type SinkOptions, type ProxyOptions, type EventMeta } from './handler.js'
export { decodeBody, extractEvents, PayloadError, type CapturedEvent } from './decode.js'
export { toNodeListener, toRequest, sendResponse } from './node.js'
export { formatEvent, type StoredEvent } from './format.js'
