using System.Buffers;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// Runs calls that arrive from other silos: rebuilds the generated request from its frame, checks
/// that this silo serves the grain's partition (else answers <see cref="FrameKind.NotOwner"/>, and
/// the call has not run), dispatches it to the local catalog and answers when it completes (the
/// <see cref="ServerCall"/> observes the request). A <see cref="FrameKind.Cancel"/> frame trips the
/// token of the call it names.
/// </summary>
internal sealed class ClusterCallHandler(SiloRuntime runtime, ClusterSilo cluster)
{
    public void Handle(in ReadOnlySequence<byte> frame, ServerStream stream)
    {
        byte[]? rented = null;
        try
        {
            var reader = new FrameReader(FrameParser.Contiguous(frame, ref rented));
            var kind = reader.ReadKind();
            var callId = reader.ReadInt64();
            switch (kind)
            {
                case FrameKind.Call:
                    HandleCall(ref reader, callId, stream, null);
                    break;
                case FrameKind.TracedCall:
                    var trace = TraceContextCodec.Read(ref reader);
                    HandleCall(ref reader, callId, stream, trace);
                    break;
                case FrameKind.Cancel:
                    stream.Cancel(callId);
                    break;
                default:
                    throw new InvalidDataException($"A {kind} frame came on a silo-to-silo request stream.");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void HandleCall(ref FrameReader reader, long callId, ServerStream stream, object? trace)
    {
        stream.CallStarted();
        var call = new ServerCall(callId, stream);
        GrainRequest request;
        try
        {
            request = Decode(ref reader, call);
        }
        catch (Exception ex)
        {
            call.Answer(null, ex);
            return;
        }

        if (request.Target.Type != Activation.Catalog.ObserverType && !cluster.Partitions.TryServe(request.Target))
        {
            call.Answer(null, new NotOwnerException($"Silo {cluster.SiloId} does not serve the partition of {request.Target}."));
            return;
        }

        request.CompletionObserver = call;
        if (trace is not null)
        {
            RuntimeTracing.SetTrace(request, trace);
        }
        try
        {
            runtime.Catalog.Dispatch(request, allowInline: false);
        }
        catch (Exception ex)
        {
            call.Answer(null, ex);
        }
    }

    private GrainRequest Decode(ref FrameReader reader, ServerCall call)
    {
        var interfaceId = reader.ReadInt32();
        var methodId = reader.ReadInt32();
        var type = reader.ReadString();
        var key = reader.ReadString();
        var info = GrainTypeRegistry.FindInterface(interfaceId)
            ?? throw new NotSupportedException($"No grain interface with id {interfaceId} is registered on this silo (is its assembly loaded?).");
        var request = info.CreateRequest(methodId)
            ?? throw new NotSupportedException($"{info.InterfaceType.Name} has no method with id {methodId} on this silo (a different build?).");
        var shape = RequestShape.For(request);
        var count = reader.ReadByte();
        if (count != shape.ArgumentCount)
        {
            throw new NotSupportedException($"{info.InterfaceType.Name}.{request.MethodName} takes {shape.ArgumentCount} arguments on this silo, the caller sent {count} (a different build?).");
        }

        for (var i = 0; i < count; i++)
        {
            shape.ReadArgument(request, i, reader.ReadBlob(), runtime.Router, call);
        }

        request.Target = cluster.ImportAddress(new GrainId(type, key));
        return request;
    }
}
