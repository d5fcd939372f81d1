using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SampleMind.Audio.Eval;

/// <summary>Analyses a folder, prints per-file results, accuracy against labels, speed and the stage profile.</summary>
internal sealed class EvalRunner
{
    private static readonly HashSet<string> s_extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".aif", ".aiff", ".flac", ".ogg", ".mp3", ".m4a", ".aac", ".opus", ".wma", ".caf", ".w64",
    };

    private readonly EvalOptions _options;

    public EvalRunner(EvalOptions options) => _options = options;

    public int Run()
    {
        var folder = Path.GetFullPath(_options.Folder!);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => s_extensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"no audio files under {folder}");
            return 1;
        }

        var batch = BatchAnalysis.Run(folder, files, _options.Level, _options.Threads, profileStages: true);
        var results = batch.Results.ToArray();
        Report(results, batch);
        Write(results);
        return 0;
    }

    private void Report(EvalResult[] results, BatchAnalysisResult batch)
    {
        var (wall, cpu, analyzer) = (batch.Wall, batch.Cpu, batch.Analyzer);
        if (!_options.Quiet)
        {
            foreach (var r in results)
            {
                Console.WriteLine(Line(r));
            }
        }

        var ok = results.Where(r => r.Analysis is not null).ToArray();
        var seconds = ok.Sum(r => r.Analysis!.Format.DurationSeconds);
        Console.WriteLine();
        Console.WriteLine($"files: {results.Length}, analysed: {ok.Length}, typed errors: {results.Length - ok.Length}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audio: {seconds:0.0} s; wall {wall.TotalSeconds:0.00} s; cpu {cpu.TotalSeconds:0.00} s; threads {_options.Threads}; level {_options.Level}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed: {seconds / Math.Max(1e-9, cpu.TotalSeconds):0.0} s of audio per CPU-second; {seconds / wall.TotalSeconds:0.0} x realtime (wall); {results.Length / wall.TotalSeconds:0.0} files/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: {batch.AllocatedBytes / 1024.0 / Math.Max(1, results.Length):0} KiB allocated per file, {batch.Gen0Collections} gen0 collections"));
        var profile = Enum.GetValues<AnalysisStage>().Select(s => (s, analyzer.StageTimes[s])).ToArray();
        var total = profile.Sum(p => p.Item2.TotalSeconds);
        Console.WriteLine("profile (CPU time of the analysing threads per stage):");
        foreach (var (stage, time) in profile)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {stage,-12} {time.TotalSeconds,8:0.000} s  {100 * time.TotalSeconds / Math.Max(1e-9, total),5:0.0} %"));
        }

        Accuracy.Print(_options.Labels, results);
        Accuracy.PrintPrecisionAt5(ok);
        foreach (var r in results.Where(r => r.Error is not null).Take(20))
        {
            Console.WriteLine($"error: {r.RelativePath}: {r.Error}");
        }
    }

    private static string Line(EvalResult r)
    {
        if (r.Analysis is null)
        {
            return $"{r.RelativePath}\tERROR\t{r.Error}";
        }

        var a = r.Analysis;
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.RelativePath}\t{a.Format.DurationSeconds:0.00}s\t{a.Format.SampleRate}Hz/{a.Format.Channels}ch\tLUFS {a.Loudness.IntegratedLufs:0.0}\tBPM {a.Tempo?.Bpm:0.0}\t{a.Key?.Best.Name}\t{a.Pitch?.Note}\t{(a.Loop?.IsLoop == true ? "loop" : "one-shot")}\t{string.Join('|', a.Timbre?.Tags ?? [])}");
    }

    private void Write(EvalResult[] results)
    {
        if (_options.CsvOut is not null)
        {
            var csv = new StringBuilder("file,duration,sample_rate,channels,lufs,true_peak,bpm,tempo_confidence,key,key_confidence,pitch,loop,tags,error\n");
            foreach (var r in results)
            {
                var a = r.Analysis;
                csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"\"{r.RelativePath}\",{a?.Format.DurationSeconds},{a?.Format.SampleRate},{a?.Format.Channels},{a?.Loudness.IntegratedLufs},{a?.Loudness.TruePeakDbtp},{a?.Tempo?.Bpm},{a?.Tempo?.Confidence},{a?.Key?.Best.Name},{a?.Key?.Confidence},{a?.Pitch?.Note},{a?.Loop?.IsLoop},{string.Join('|', a?.Timbre?.Tags ?? [])},\"{r.Error}\""));
            }

            File.WriteAllText(_options.CsvOut, csv.ToString());
        }

        if (_options.JsonOut is not null)
        {
            using var stream = File.Create(_options.JsonOut);
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartArray();
            foreach (var r in results.Where(r => r.Analysis is not null))
            {
                JsonSerializer.Serialize(writer, r.Analysis!, AudioJsonContext.Default.SampleAnalysis);
            }

            writer.WriteEndArray();
        }
    }
}
