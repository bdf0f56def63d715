package org.chatvault.bench.compare;

/** One run of the three tools on the same history; a tool that was not run is null. */
record RunFigures(ToolFigures chatvault, ToolFigures restic, ToolFigures borg) {}
