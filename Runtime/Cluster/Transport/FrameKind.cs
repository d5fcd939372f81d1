namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>What a frame on a silo-to-silo stream carries.</summary>
internal enum FrameKind : byte
{
    /// <summary>Caller → owner: a call.</summary>
    Call = 1,

    /// <summary>Owner → caller: the call's result (JSON of the result type).</summary>
    Result = 2,

    /// <summary>Owner → caller: the call threw (exception type name and message).</summary>
    Error = 3,

    /// <summary>Owner → caller: this silo does not serve the grain's partition; the call did not run.</summary>
    NotOwner = 4,

    /// <summary>Owner → caller: the stream closes; calls not answered before this were never read and may be resent.</summary>
    Closing = 5,

    /// <summary>Caller → owner: the caller gave up on the call (its token was canceled, or it timed out); the call's token is tripped.</summary>
    Cancel = 6,

    /// <summary>Caller → owner: a call made under a sampled trace: the caller's span context, then a <see cref="Call"/>'s body.</summary>
    TracedCall = 7,
}
