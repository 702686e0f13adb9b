'use client'
import { usePathname } from 'next/navigation'
import { useEffect, useRef } from 'react'
import { analytics } from './analytics'

/**
 * firstparty sends one `$pageview` per page load; client-side navigations in the App Router are not page
 * loads, so this sends one for each of them.
 */
export function Pageviews() {
  const pathname = usePathname()
  const first = useRef(true)
  useEffect(() => {
    if (first.current) first.current = false
    else analytics.track('$pageview')
  }, [pathname])
  return null
}
