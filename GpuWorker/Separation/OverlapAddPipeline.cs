using System.Numerics.Tensors;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Streams audio through a segment processor: cuts overlapping segments (hop = length − overlap),
/// keeps at most a fixed number in flight (so a request's memory is bounded whatever the file's
/// length), joins the results by weighted overlap-add normalised by the summed weights, and hands
/// each finished hop of frames to the sink as soon as no later segment can touch it.
/// </summary>
internal sealed class OverlapAddPipeline
{
    private readonly ISegmentProcessor _processor;
    private readonly IAudioBlockReader _reader;
    private readonly IStemSink _sink;
    private readonly int _inputChannels;
    private readonly int _channels;
    private readonly int _stems;
    private readonly int _length;
    private readonly int _overlap;
    private readonly int _hop;
    private readonly float[][] _window;
    private readonly float[] _accumulator;
    private readonly float[] _weightSum;
    private readonly float[] _firstWeights;
    private readonly float[] _weights;
    private readonly StemBlock _block;
    private long _read;
    private long _emitted;

    public OverlapAddPipeline(ISegmentProcessor processor, IAudioBlockReader reader, IStemSink sink)
    {
        _processor = processor;
        _reader = reader;
        _sink = sink;
        var rate = reader.SampleRate;
        if (processor.SampleRate != 0 && processor.SampleRate != rate)
        {
            throw new NotSupportedException($"{processor.Method} works at {processor.SampleRate} Hz but the audio is {rate} Hz; resample it first.");
        }

        _inputChannels = reader.Channels;
        _channels = processor.Channels == 0 ? _inputChannels : processor.Channels;
        ChannelMapping.EnsureSupported(_inputChannels, _channels);
        _stems = processor.StemNames.Count;
        _length = processor.SegmentLength(rate);
        _overlap = processor.OverlapLength(rate);
        _hop = _length - _overlap;
        _window = NewPlanar(_inputChannels, _length);
        _accumulator = new float[_stems * _channels * _length];
        _weightSum = new float[_length];
        _firstWeights = TransitionRamp.Weights(_length, _overlap, processor.Transition, first: true);
        _weights = TransitionRamp.Weights(_length, _overlap, processor.Transition, first: false);
        var buffers = new float[_stems][][];
        for (var s = 0; s < _stems; s++)
        {
            buffers[s] = NewPlanar(_inputChannels, _hop);
        }

        _block = new StemBlock(processor.StemNames, buffers);
    }

    /// <summary>Separates everything the reader gives; returns the frame and segment counts.</summary>
    public async Task<(long Frames, int Segments)> RunAsync(int maxInFlight, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task<float[]>>();
        var dispatched = 0;
        var accumulated = 0;
        var filled = 0;
        var ended = false;
        try
        {
            while (true)
            {
                (filled, ended) = await FillAsync(filled, ended, cancellationToken);
                if (filled == 0 || (dispatched > 0 && filled <= _overlap))
                {
                    break;
                }

                inFlight.Enqueue(_processor.ProcessAsync(CutSegment(filled), _channels, _reader.SampleRate, this, cancellationToken));
                dispatched++;
                if (inFlight.Count >= maxInFlight)
                {
                    await AccumulateAsync(await inFlight.Dequeue(), accumulated++ == 0, cancellationToken);
                }

                if (filled < _length)
                {
                    break;
                }

                for (var c = 0; c < _inputChannels; c++)
                {
                    _window[c].AsSpan(_hop, _overlap).CopyTo(_window[c]);
                }

                filled -= _hop;
            }

            while (inFlight.Count > 0)
            {
                await AccumulateAsync(await inFlight.Dequeue(), accumulated++ == 0, cancellationToken);
            }
        }
        finally
        {
            // Segments still running after a failure or a cancellation are observed, not leaked.
            foreach (var pending in inFlight)
            {
                _ = pending.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
        }

        await EmitAsync((int)(_read - _emitted), cancellationToken);
        return (_read, dispatched);
    }

    private async Task<(int Filled, bool Ended)> FillAsync(int filled, bool ended, CancellationToken cancellationToken)
    {
        while (!ended && filled < _length)
        {
            var destinations = new Memory<float>[_inputChannels];
            for (var c = 0; c < _inputChannels; c++)
            {
                destinations[c] = _window[c].AsMemory(filled, _length - filled);
            }

            var n = await _reader.ReadAsync(destinations, cancellationToken);
            ended = n == 0;
            filled += n;
            _read += n;
        }

        return (filled, ended);
    }

    private float[] CutSegment(int filled)
    {
        var segment = new float[_channels * _length];
        var source = new float[_inputChannels * _length];
        for (var c = 0; c < _inputChannels; c++)
        {
            _window[c].AsSpan(0, filled).CopyTo(source.AsSpan(c * _length));
        }

        ChannelMapping.Map(source, _inputChannels, _length, segment, _channels, _length, _length);
        return segment;
    }

    private async Task AccumulateAsync(float[] result, bool first, CancellationToken cancellationToken)
    {
        if (result.Length != _accumulator.Length)
        {
            throw new InvalidOperationException(
                $"{_processor.Method} returned {result.Length} values for a segment; expected {_stems} stems × {_channels} channels × {_length} samples.");
        }

        var weights = first ? _firstWeights : _weights;
        for (var row = 0; row < _stems * _channels; row++)
        {
            var acc = _accumulator.AsSpan(row * _length, _length);
            var y = result.AsSpan(row * _length, _length);
            TensorPrimitives.MultiplyAdd(y, weights, acc, acc);
        }

        TensorPrimitives.Add(_weightSum, weights, _weightSum);
        await EmitAsync((int)Math.Min(_hop, _read - _emitted), cancellationToken);
        for (var row = 0; row < _stems * _channels; row++)
        {
            Shift(_accumulator.AsSpan(row * _length, _length));
        }

        Shift(_weightSum);
    }

    private void Shift(Span<float> row)
    {
        row[_hop..].CopyTo(row);
        row[_overlap..].Clear();
    }

    private async Task EmitAsync(int frames, CancellationToken cancellationToken)
    {
        if (frames <= 0)
        {
            return;
        }

        var normalised = new float[_channels * frames];
        for (var s = 0; s < _stems; s++)
        {
            for (var c = 0; c < _channels; c++)
            {
                TensorPrimitives.Divide(
                    _accumulator.AsSpan(((s * _channels) + c) * _length, frames), _weightSum.AsSpan(0, frames),
                    normalised.AsSpan(c * frames, frames));
            }

            var planar = new float[_inputChannels * frames];
            ChannelMapping.Map(normalised, _channels, frames, planar, _inputChannels, frames, frames);
            for (var c = 0; c < _inputChannels; c++)
            {
                planar.AsSpan(c * frames, frames).CopyTo(_block.Writable(s, c));
            }
        }

        _block.Position = _emitted;
        _block.Frames = frames;
        await _sink.WriteAsync(_block, cancellationToken);
        _emitted += frames;
    }

    private static float[][] NewPlanar(int channels, int length)
    {
        var planar = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            planar[c] = new float[length];
        }

        return planar;
    }
}
