namespace SampleMind.Ingest.Bench;

/// <summary>What is measured: the analysis alone, or an ingest through one host or a 2-silo cluster.</summary>
internal enum BenchMode
{
    /// <summary>In-process analysis of every file, no host (the reference rate).</summary>
    Bare,

    /// <summary>One API host process in embedded mode (SQLite, local queue).</summary>
    Embedded,

    /// <summary>Two API host processes in cluster mode on one PostgreSQL schema and a shared directory.</summary>
    Cluster,
}
