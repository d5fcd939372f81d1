namespace SampleMind.Collaboration.Server;

/// <summary>Outcome of <see cref="OtServer{TDoc, TOp}.Submit(Submission{TOp}, Func{TDoc, TOp, string})"/>.</summary>
public enum SubmitStatus
{
    /// <summary>Applied and stamped with a new revision: broadcast it.</summary>
    Committed,

    /// <summary>Seen before (same client and sequence number): acknowledge, do not broadcast again.</summary>
    Duplicate,

    /// <summary>Not applied; the reason says why. The document is unchanged.</summary>
    Rejected,
}
