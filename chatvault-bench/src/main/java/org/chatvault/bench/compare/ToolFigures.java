package org.chatvault.bench.compare;

/**
 * What one tool did in one run; {@link Double#NaN} where the tool has no such figure (restic has
 * no first screen, Chatvault's CLI no peak RSS of its own here).
 *
 * @param initialSec        the initial backup, whole process, wall time
 * @param initialInProcessSec the initial backup as the command itself measured it (Chatvault only)
 * @param storedBytes       what the store counts: the server's usage for Chatvault, the repository on disk for the peers
 * @param storedOnDiskBytes the files of the server's data directory or the repository, summed
 * @param incrementalSec    the backup after 1,000 new messages, whole process, wall time
 * @param incrementalInProcessSec that backup as the command measured it (Chatvault only)
 * @param incrementalBytes  that backup's bytes: uploaded (Chatvault, as printed), repository growth (peers)
 * @param readableSec       until all text is readable: Chatvault's "all text", the peers' whole restore
 * @param searchableSec     until all text is searchable (Chatvault only)
 * @param restoreSec        the restore, whole process, wall time
 * @param firstScreenSec    until the first screen is ready (Chatvault only)
 * @param serverPeakRssBytes the server process's peak resident memory (Chatvault only)
 * @param clientPeakRssBytes the largest peak resident memory of the tool's backup and restore processes
 */
record ToolFigures(double initialSec, double initialInProcessSec, double storedBytes, double storedOnDiskBytes,
                   double incrementalSec, double incrementalInProcessSec, double incrementalBytes,
                   double readableSec, double searchableSec, double restoreSec, double firstScreenSec, double serverPeakRssBytes,
                   double clientPeakRssBytes) {

    /** A peer that backs up and restores one file: its restore is the whole file, and it has nothing else to show. */
    static ToolFigures ofFileTool(double initialSec, double repoBytes, double incrementalSec, double repoGrowth, double restoreSec, double peakRss) {
        return new ToolFigures(initialSec, Double.NaN, repoBytes, repoBytes, incrementalSec, Double.NaN, repoGrowth,
                restoreSec, Double.NaN, restoreSec, Double.NaN, Double.NaN, peakRss);
    }
}
