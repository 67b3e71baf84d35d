/**
 * What the Live charts draw, kept on the page across renders: the cluster's samples (one per simulated
 * second while the charts are shown) and each Service's traffic series, both cut back when the timeline
 * went back. A seek back rebuilds the moment by replaying the run from the start (the engine is
 * deterministic: the replay is the same run up to there), and a reset starts a new run at 0; so what was
 * kept from that moment on goes, and what came before it stays.
 */
import type { TrafficMetrics } from '../../engine';
import { getSimulation, getTrafficMetrics, rewindCount, rewoundTo } from '../../store';
import { SampleHistory, sampleCluster, type ClusterSample } from './clusterSeries';
import { serviceSeries, truncateSeries, type ServiceSeries } from './serviceSeries';

/** Five simulated minutes of cluster samples, kept while the app runs. */
const history = new SampleHistory<ClusterSample>(300);
let historyRewinds = 0;

/** Samples the cluster at simulated second `second`; returns the history, oldest first. */
export function sampleSecond(second: number): ClusterSample[] {
  const back = rewoundTo(historyRewinds);
  historyRewinds = rewindCount();
  if (back !== undefined) history.dropFrom(back);
  history.push(sampleCluster(getSimulation().store, second * 1000));
  return history.list();
}

/** The last traffic figures that came with data, and how many rewinds had been seen when they came. */
let traffic: { metrics: TrafficMetrics; rewinds: number } | undefined;

/**
 * Each Service's traffic series. After a seek back the page has no figures until the engine sends the
 * replay's (it paces them): the last figures cut at the moment gone back to are what the replay holds.
 */
export function liveServiceSeries(): ServiceSeries[] {
  const m = getTrafficMetrics();
  if (!traffic || (m !== traffic.metrics && m.latest !== undefined))
    traffic = { metrics: m, rewinds: rewindCount() };
  const series = serviceSeries(traffic.metrics);
  const back = rewoundTo(traffic.rewinds);
  return back === undefined ? series : truncateSeries(series, back / 1000);
}
