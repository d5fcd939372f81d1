using System.Diagnostics;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// Spans of ingest on <see cref="ActivitySource"/> "SampleMind.Ingest": "audio analysis" around the audio
/// analysis of one file (a child of the work item's process span). Nothing is created without a listener.
/// </summary>
public static class IngestTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "SampleMind.Ingest";

    /// <summary>Operation name of the analysis span.</summary>
    public const string AnalyzeOperation = "ingest.audio_analysis";

    private static readonly ActivitySource s_source = new(SourceName);

    /// <summary>Starts the analysis span of <paramref name="item"/> when sampled.</summary>
    internal static Activity? StartAnalysis(IngestItemPayload item, string sampleId)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var activity = s_source.StartActivity(AnalyzeOperation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = "audio analysis";
            activity.SetTag("samplemind.ingest.job_id", item.JobId);
            activity.SetTag("samplemind.ingest.library", item.LibraryId);
            activity.SetTag("samplemind.ingest.level", item.Level);
            activity.SetTag("samplemind.sample.id", sampleId);
        }

        return activity;
    }

    /// <summary>Marks the analysis span failed (the file could not be analysed).</summary>
    internal static void Failed(Activity? activity, string error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error);
    }
}
