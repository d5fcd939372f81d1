using SampleMind.Api.Uploads;

namespace SampleMind.Api;

/// <summary>
/// A request body that may not go quiet: a read that gets no byte within <c>idleTimeout</c> fails with a 408
/// (<see cref="BadHttpRequestException"/>), so a client that stops sending in the middle of a large body (an upload, a
/// text manifest, a hummed clip) does not hold its request, its spool and its connection for ever. Kestrel's own
/// minimum data rate averages over the whole body, so after a fast first gigabyte it would wait hours.
/// </summary>
internal sealed class IdleBodyStream(Stream inner, TimeSpan idleTimeout) : ReadThroughStream(inner, leaveOpen: true)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        try
        {
            return await base.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new BadHttpRequestException(
                $"The request body stopped: nothing came for {idleTimeout.TotalSeconds:0.###} s (Api:BodyIdleTimeout). Nothing of it was kept; send it again.",
                StatusCodes.Status408RequestTimeout);
        }
    }

    /// <summary>Nothing to see: the stream only bounds how long a read waits.</summary>
    protected override void Observe(ReadOnlySpan<byte> read)
    {
    }
}
