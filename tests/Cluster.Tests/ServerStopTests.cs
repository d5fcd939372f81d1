using System.IO.Pipelines;
using System.Net;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Cluster.Transport;
using SampleMind.TestSupport;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// A silo that leaves answers what it read, sends the Closing frame, and keeps the stream open until the caller stops
/// sending, so a caller that was still sending reads the Closing frame and a clean end instead of a reset connection;
/// and a stream carries more than Kestrel's default 30 MB request body without being cut.
/// </summary>
public sealed class ServerStopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_caller_still_sending_when_the_owner_leaves_reads_the_closing_frame_and_a_clean_end()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var owner = await cluster.StartSiloAsync("leaving-owner");
        using var client = new HttpClient(new SocketsHttpHandler())
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var content = new NeverEndingCancels();
        using var request = new HttpRequestMessage(HttpMethod.Post, owner.Cluster.Address + ClusterServer.CallsPath)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        response.EnsureSuccessStatusCode();
        var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync());
        await content.Sending.Task.WaitAsync(Bound);

        // Past Kestrel's default 30 MB request body limit, which cut a long-lived stream of calls.
        await Eventually.HoldsAsync(() => content.BytesSent > 32_000_000, Bound, "32 MB of frames sent on the stream");
        Assert.False(content.Stopped.Task.IsCompleted, $"the owner cut the caller's stream: {content.Failure}");
        var leaving = cluster.StopSiloAsync(owner);
        Assert.True(await ReadUntilClosingAsync(reader).WaitAsync(Bound), "the owner sent the Closing frame");
        Assert.False(content.Stopped.Task.IsCompleted, $"the owner ended the caller's request before the caller stopped: {content.Failure}");

        content.Stop();
        await content.Stopped.Task.WaitAsync(Bound);
        while (true)
        {
            // A reset connection would throw here; a clean end completes the response.
            var result = await reader.ReadAsync().AsTask().WaitAsync(Bound);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await leaving.WaitAsync(Bound);
        Assert.True(content.FramesSent > 0);
    }

    /// <summary>Reads response frames until the Closing frame (true) or the end of the response (false).</summary>
    private static async Task<bool> ReadUntilClosingAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            while (FrameParser.TryRead(ref buffer, out var frame))
            {
                byte[]? rented = null;
                var kind = new FrameReader(FrameParser.Contiguous(frame, ref rented)).ReadKind();
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }

                if (kind == FrameKind.Closing)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return true;
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return false;
            }
        }
    }

    /// <summary>A request body that keeps sending Cancel frames for calls the owner never had, until stopped.</summary>
    private sealed class NeverEndingCancels : HttpContent
    {
        private readonly CancellationTokenSource _stop = new();

        public TaskCompletionSource Sending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private long _framesSent;
        private long _bytesSent;

        public long FramesSent => Interlocked.Read(ref _framesSent);

        public long BytesSent => Interlocked.Read(ref _bytesSent);

        public Exception? Failure { get; private set; }

        public void Stop() => _stop.Cancel();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var frames = new FrameBuffer(64 * 1024);
            for (var i = 0; i < 2048; i++)
            {
                frames.WriteEmptyFrame(FrameKind.Cancel, long.MaxValue - i);
            }

            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(frames.WrittenMemory, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    Interlocked.Add(ref _framesSent, 2048);
                    Interlocked.Add(ref _bytesSent, frames.Length);
                    Sending.TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                Failure = e;
                throw;
            }
            finally
            {
                Stopped.TrySetResult();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stop.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
