using System.Buffers;
using System.IO.Pipelines;
using SampleMind.Api.Uploads;

namespace SampleMind.Api;

/// <summary>
/// A request body that may not go quiet: a read that gets no byte within <c>idleTimeout</c> fails with a 408
/// (<see cref="BadHttpRequestException"/>), so a client that stops sending in the middle of a large body (an upload, a
/// text manifest, a hummed clip) does not hold its request, its spool and its connection for ever. Kestrel's own
/// minimum data rate averages over the whole body, so after a fast first gigabyte it would wait hours.
/// </summary>
/// <remarks>
/// It reads the server's body <see cref="PipeReader"/> and ends a quiet read with <see cref="PipeReader.CancelPendingRead"/>,
/// then hands the canceled read back (<see cref="PipeReader.AdvanceTo(SequencePosition)"/>) before it throws. A read
/// canceled through its token instead leaves Kestrel's body "reading" for good, and Kestrel's drain of the rest of the
/// body after the 408 failed with "Reading is already in progress", logged as an error with its stack trace. A
/// synchronous read goes to the server's own stream (<paramref name="server"/>), which allows it or not.
/// </remarks>
internal sealed class IdleBodyStream(Stream server, PipeReader body, TimeSpan idleTimeout) : ReadThroughStream(server, leaveOpen: true)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            using var idle = new CancellationTokenSource(idleTimeout);
            ReadResult result;
            await using (idle.Token.Register(static reader => ((PipeReader)reader!).CancelPendingRead(), body))
            {
                result = await body.ReadAsync(cancellationToken);
            }

            var read = result.Buffer;
            if (result.IsCanceled && idle.IsCancellationRequested)
            {
                body.AdvanceTo(read.Start);
                throw new BadHttpRequestException(
                    $"The request body stopped: nothing came for {idleTimeout.TotalSeconds:0.###} s (Api:BodyIdleTimeout). Nothing of it was kept; send it again.",
                    StatusCodes.Status408RequestTimeout);
            }

            if (read.IsEmpty && !result.IsCompleted)
            {
                // The cancel of an earlier read whose bytes came as its time ran out: nothing was waited for yet.
                body.AdvanceTo(read.Start);
                continue;
            }

            var taken = (int)Math.Min(read.Length, buffer.Length);
            read.Slice(0, taken).CopyTo(buffer.Span);
            body.AdvanceTo(read.GetPosition(taken));
            return taken;
        }
    }

    /// <summary>Nothing to see: the stream only bounds how long a read waits.</summary>
    protected override void Observe(ReadOnlySpan<byte> read)
    {
    }
}
