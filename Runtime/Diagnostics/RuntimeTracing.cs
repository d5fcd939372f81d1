using System.Diagnostics;
using System.Runtime.CompilerServices;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Diagnostics;

/// <summary>
/// Spans of grain calls on <see cref="ActivitySource"/> "SampleMind.Runtime": a client span at the caller
/// (from the call until its result or error arrives) and a server span at the activation (the turn),
/// both named "{grain type}/{method}" with the attributes below. Nothing is created, and nothing is
/// allocated, unless a listener samples the call; the check is <see cref="ActivitySource.HasListeners"/>.
/// </summary>
public static class RuntimeTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "SampleMind.Runtime";

    /// <summary>Operation name of the caller's span (the exported name is "{grain type}/{method}").</summary>
    public const string ClientOperation = "grain.call";

    /// <summary>Operation name of the activation's span.</summary>
    public const string ServerOperation = "grain.turn";

    /// <summary>Attribute: the grain type.</summary>
    public const string GrainTypeTag = "samplemind.grain.type";

    /// <summary>Attribute: the grain key.</summary>
    public const string GrainKeyTag = "samplemind.grain.key";

    /// <summary>Attribute: the interface method.</summary>
    public const string MethodTag = "samplemind.grain.method";

    /// <summary>Attribute: the silo the span ran on (caller's silo for client spans, the activation's for server spans).</summary>
    public const string SiloTag = "samplemind.silo";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The trace state of sampled requests (<see cref="GrainRequest.IsTraced"/>): the caller's client span, then,
    /// once the turn starts, the activation's server span; on a silo that got the call over the wire, the
    /// caller's context (a boxed <see cref="ActivityContext"/>) until the turn starts. A side table, so that
    /// requests carry no field for it; entries go with their request.
    /// </summary>
    private static readonly ConditionalWeakTable<GrainRequest, object> s_traces = new();

    /// <summary>The request's trace state, or null when it is not traced.</summary>
    internal static object? TraceOf(GrainRequest request) =>
        request.IsTraced && s_traces.TryGetValue(request, out var trace) ? trace : null;

    /// <summary>Marks the request traced with <paramref name="trace"/> (a span, or a remote caller's boxed context).</summary>
    internal static void SetTrace(GrainRequest request, object trace)
    {
        s_traces.AddOrUpdate(request, trace);
        request.IsTraced = true;
    }

    /// <summary>Starts the caller's span when sampled and leaves <see cref="Activity.Current"/> as it was.</summary>
    internal static void StartClient(GrainRequest request, string siloId)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var previous = Activity.Current;
        var activity = Source.StartActivity(ClientOperation, ActivityKind.Client);
        if (activity is null)
        {
            return;
        }

        Activity.Current = previous;
        Describe(activity, request, siloId);
        SetTrace(request, activity);
    }

    /// <summary>
    /// Starts the activation's span for a traced request (its caller's span, or the context a remote caller
    /// sent) and makes it current for the turn; the caller restores <see cref="Activity.Current"/>.
    /// </summary>
    internal static void StartServer(GrainRequest request, ActivationData activation)
    {
        Activity? server;
        var trace = TraceOf(request);
        if (trace is Activity caller)
        {
            Activity.Current = caller;
            server = Source.StartActivity(ServerOperation, ActivityKind.Server);
        }
        else if (trace is ActivityContext remote)
        {
            server = Source.StartActivity(ServerOperation, ActivityKind.Server, remote);
        }
        else
        {
            return;
        }

        if (server is not null)
        {
            Describe(server, request, activation.Runtime.Options.SiloId);
            SetTrace(request, server);
        }
    }

    /// <summary>Ends the activation's span of a finished turn (before its caller hears of it).</summary>
    internal static void EndServer(GrainRequest request, Exception? error)
    {
        if (TraceOf(request) is Activity { Kind: ActivityKind.Server } server)
        {
            End(server, error);
        }
    }

    /// <summary>Ends the caller's span of a completed call: the request's own, or the parent of its local server span.</summary>
    internal static void EndClient(GrainRequest request, Exception? error)
    {
        var activity = TraceOf(request) as Activity;
        if (activity is { Kind: ActivityKind.Server })
        {
            activity = activity.Parent;
        }

        if (activity is { Kind: ActivityKind.Client } client && ReferenceEquals(client.Source, Source))
        {
            End(client, error);
        }
    }

    private static void Describe(Activity activity, GrainRequest request, string siloId)
    {
        activity.DisplayName = request.Target.Type + "/" + request.MethodName;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("rpc.system", "samplemind");
            activity.SetTag("rpc.service", request.Target.Type);
            activity.SetTag("rpc.method", request.MethodName);
            activity.SetTag(GrainTypeTag, request.Target.Type);
            activity.SetTag(GrainKeyTag, request.Target.Key);
            activity.SetTag(MethodTag, request.MethodName);
            activity.SetTag(SiloTag, siloId);
        }
    }

    private static void End(Activity activity, Exception? error)
    {
        if (activity.IsStopped)
        {
            return;
        }

        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.SetTag("error.type", error.GetType().FullName);
        }

        activity.Stop();
    }
}
