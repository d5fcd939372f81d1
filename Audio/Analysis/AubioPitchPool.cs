using System.Collections.Concurrent;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Analysis;

/// <summary>
/// aubio pitch detectors of one method and window, pooled per sample rate: created under the FFTW planner lock (aubio
/// plans its FFT there), reporting Hz behind aubio's silence gate, and handed out primed with a window of zeros, so that
/// a reused detector keeps nothing of the samples it saw last.
/// </summary>
internal sealed unsafe class AubioPitchPool(string method, int buffer, int hop, float silenceDb)
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<AubioPitchHandle>> _pool = new();

    public AubioPitchHandle Rent(int sampleRate)
    {
        if (!_pool.GetOrAdd(sampleRate, static _ => []).TryTake(out var detector))
        {
            detector = Create(sampleRate);
        }

        var output = 0f;
        var outVector = new AubioVector { Length = 1, Data = &output };
        var zeros = stackalloc float[hop];
        var zeroVector = new AubioVector { Length = (uint)hop, Data = zeros };
        for (var i = 0; i < buffer / hop; i++)
        {
            Aubio.PitchDo(detector, &zeroVector, &outVector);
        }

        return detector;
    }

    public void Return(int sampleRate, AubioPitchHandle detector) => _pool[sampleRate].Add(detector);

    private AubioPitchHandle Create(int sampleRate)
    {
        AubioPitchHandle detector;
        lock (Fftw.PlannerLock)
        {
            detector = Aubio.NewPitch(method, (uint)buffer, (uint)hop, (uint)sampleRate);
        }

        if (detector.IsInvalid)
        {
            detector.Dispose();
            throw new AudioNativeException(Aubio.Library, "new_aubio_pitch", $"{method} detector not created");
        }

        Aubio.PitchSetUnit(detector, "Hz");
        Aubio.PitchSetSilence(detector, silenceDb);
        return detector;
    }
}
