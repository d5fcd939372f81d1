namespace SampleMind.GpuWorker.Separation;

/// <summary>Receives finished stem audio in order, block after block (e.g. writes stem files).</summary>
public interface IStemSink
{
    /// <summary>Takes one block; its buffers are reused once this returns.</summary>
    ValueTask WriteAsync(StemBlock block, CancellationToken cancellationToken);
}
