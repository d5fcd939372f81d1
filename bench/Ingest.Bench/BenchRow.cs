namespace SampleMind.Ingest.Bench;

/// <summary>One measured run.</summary>
/// <param name="Files">Files handled (bare: analysed or failed; ingest: succeeded, duplicates included, plus failed).</param>
/// <param name="Failed">Files that could not be analysed (bare: typed errors; ingest: failed items).</param>
/// <param name="AudioSeconds">Seconds of audio in the files analysed.</param>
/// <param name="Wall">Bare: the parallel batch; ingest: from sending the POST to receiving the job's end event.</param>
/// <param name="Note">A short remark (the job's state when it did not complete, its server-side duration).</param>
internal sealed record BenchRow(BenchMode Mode, int Run, long Files, long Failed, double AudioSeconds, TimeSpan Wall, bool Completed, string Note)
{
    public double FilesPerSecond => Files / Wall.TotalSeconds;

    public double AudioSecondsPerSecond => AudioSeconds / Wall.TotalSeconds;
}
