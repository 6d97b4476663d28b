// The part of autocannon's API the gateway load tests and bench use (the package ships no types).
declare module "autocannon" {
  interface Options {
    url: string
    connections?: number
    amount?: number
    duration?: number
    pipelining?: number
    timeout?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    requests?: Array<{ method?: string; path?: string; headers?: Record<string, string>; body?: string }>
  }
  interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p99: number
    max: number
  }
  interface Result {
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    "2xx": number
    "4xx": number
    "5xx": number
    statusCodeStats: Record<string, { count: number }>
    latency: Histogram
    requests: Histogram & { total: number; sent: number }
    duration: number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
