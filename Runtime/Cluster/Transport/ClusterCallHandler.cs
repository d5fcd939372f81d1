using System.Buffers;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// Runs calls that arrive from other silos: rebuilds the generated request from its frame, checks
/// that this silo serves the grain's partition (else answers <see cref="FrameKind.NotOwner"/>, and
/// the call has not run), dispatches it to the local catalog and answers when it completes.
/// </summary>
internal sealed class ClusterCallHandler(SiloRuntime runtime, ClusterSilo cluster)
{
    public void Handle(in ReadOnlySequence<byte> frame, ServerStream stream)
    {
        byte[]? rented = null;
        var reader = new FrameReader(FrameParser.Contiguous(frame, ref rented));
        if (reader.ReadKind() != FrameKind.Call)
        {
            return;
        }

        var callId = reader.ReadInt64();
        stream.CallStarted();
        try
        {
            var request = Decode(ref reader);
            Dispatch(request, callId, stream);
        }
        catch (Exception ex)
        {
            stream.Answer(ex is NotOwnerException ? Frames.NotOwner(callId) : Frames.Error(callId, ex));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private GrainRequest Decode(ref FrameReader reader)
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
        for (var i = 0; i < count; i++)
        {
            shape.ReadArgument(request, i, reader.ReadBlob(), runtime.Router);
        }

        request.Target = cluster.ImportAddress(new GrainId(type, key));
        return request;
    }

    private void Dispatch(GrainRequest request, long callId, ServerStream stream)
    {
        if (request.Target.Type != Activation.Catalog.ObserverType && !cluster.Partitions.TryServe(request.Target))
        {
            stream.Answer(Frames.NotOwner(callId));
            return;
        }

        runtime.Catalog.Dispatch(request, allowInline: false);
        var completion = request.GetCompletionTask(runtime.PendingCalls);
        if (completion.IsCompleted)
        {
            Answer(completion, request, callId, stream);
        }
        else
        {
            _ = AnswerLaterAsync(completion, request, callId, stream);
        }
    }

    private static async Task AnswerLaterAsync(Task completion, GrainRequest request, long callId, ServerStream stream)
    {
        try
        {
            await completion.ConfigureAwait(false);
        }
        catch
        {
            // Answered below from the task's state.
        }

        Answer(completion, request, callId, stream);
    }

    private static void Answer(Task completion, GrainRequest request, long callId, ServerStream stream)
    {
        byte[] frame;
        if (completion.IsCompletedSuccessfully)
        {
            try
            {
                frame = Frames.Result(callId, request.SerializeResult());
            }
            catch (Exception ex)
            {
                frame = Frames.Error(callId, ex);
            }
        }
        else
        {
            var error = completion.Exception?.InnerException ?? new OperationCanceledException();
            frame = error is NotOwnerException ? Frames.NotOwner(callId) : Frames.Error(callId, error);
        }

        stream.Answer(frame);
    }
}
