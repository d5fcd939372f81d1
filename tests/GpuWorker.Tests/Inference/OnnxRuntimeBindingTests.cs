using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Tests.Support;

namespace SampleMind.GpuWorker.Tests.Inference;

public sealed class OnnxRuntimeBindingTests
{
    private static OnnxRuntimeEnvironment Ort => Support.Runtime.Cpu;

    [Fact]
    public void A_status_round_trips_its_code_and_message_through_the_api_table()
    {
        var message = $"probe {Guid.NewGuid()}";
        using var status = Ort.Runtime.CreateStatus(OnnxRuntimeErrorCode.InvalidGraph, message);

        Assert.Equal(OnnxRuntimeErrorCode.InvalidGraph, Ort.Runtime.ErrorCode(status));
        Assert.Equal(message, Ort.Runtime.ErrorMessage(status));
    }

    [Fact]
    public void The_library_reports_a_version_and_the_cpu_provider()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", Ort.Version);
        Assert.Contains("CPUExecutionProvider", Ort.AvailableProviders);
    }

    [Fact]
    public void A_session_describes_the_model_inputs_and_outputs()
    {
        using var session = Ort.CreateSession(TestModels.Shared.PathOf("test-separator-2stem"));

        var input = Assert.Single(session.Inputs);
        var output = Assert.Single(session.Outputs);
        Assert.Equal("mixture", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);
        Assert.Equal([-1L, 2, -1], input.Shape);
        Assert.Equal("stems", output.Name);
        Assert.Equal([-1L, 2, 2, -1], output.Shape);
        Assert.Equal(ExecutionProvider.Cpu, session.ExecutionProvider);
    }

    [Fact]
    public void The_two_stem_model_computes_the_fir_low_pass_and_its_residual()
    {
        using var session = Ort.CreateSession(TestModels.Shared.PathOf("test-separator-2stem"));
        const int batch = 2, channels = 2, samples = 3000;
        var mixture = Noise(batch * channels * samples, seed: 7);

        var stems = session.Run("mixture", new FloatTensor(mixture, batch, channels, samples), "stems");

        Assert.Equal([(long)batch, 2, channels, samples], stems.Shape);
        var taps = Fir.LowPass(0.05);
        var output = stems.Data.Span;
        for (var b = 0; b < batch; b++)
        {
            for (var c = 0; c < channels; c++)
            {
                var x = mixture.AsSpan(((b * channels) + c) * samples, samples);
                var expectedLow = Fir.Apply(taps, x);
                var low = output.Slice((((b * 2) + 0) * channels + c) * samples, samples);
                var high = output.Slice((((b * 2) + 1) * channels + c) * samples, samples);
                for (var t = 0; t < samples; t++)
                {
                    Assert.InRange(low[t] - expectedLow[t], -1e-5f, 1e-5f);
                    Assert.InRange(low[t] + high[t] - x[t], -1e-5f, 1e-5f);
                }
            }
        }
    }

    [Fact]
    public void A_session_opens_from_bytes_as_from_a_file()
    {
        var bytes = File.ReadAllBytes(TestModels.Shared.PathOf("test-passthrough"));
        using var session = Ort.CreateSession(bytes, "from-bytes");
        var input = Noise(2 * 100, seed: 3);

        var stems = session.Run("mixture", new FloatTensor(input, 1, 2, 100), "stems");

        Assert.Equal("from-bytes", session.Name);
        Assert.Equal(input, stems.Data.ToArray());
    }

    [Fact]
    public void A_file_that_is_not_a_model_fails_with_the_runtime_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid()}.onnx");
        File.WriteAllText(path, "this is not a protobuf model");
        try
        {
            var ex = Assert.Throws<OnnxRuntimeException>(() => Ort.CreateSession(path));

            Assert.NotEqual(OnnxRuntimeErrorCode.Ok, ex.ErrorCode);
            Assert.Contains("protobuf", ex.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_model_file_fails_with_no_such_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid()}.onnx");

        var ex = Assert.Throws<OnnxRuntimeException>(() => Ort.CreateSession(path));

        Assert.Equal(OnnxRuntimeErrorCode.NoSuchFile, ex.ErrorCode);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_input_shape_fails_with_invalid_argument_naming_the_input()
    {
        using var session = Ort.CreateSession(TestModels.Shared.PathOf("test-separator-2stem"));
        var mono = new float[100];

        var ex = Assert.Throws<OnnxRuntimeException>(() => session.Run("mixture", new FloatTensor(mono, 1, 1, 100), "stems"));

        Assert.Equal(OnnxRuntimeErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Contains("mixture", ex.NativeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_input_name_is_refused_before_the_runtime_is_called()
    {
        using var session = Ort.CreateSession(TestModels.Shared.PathOf("test-passthrough"));

        var ex = Assert.Throws<ArgumentException>(() => session.Run("audio", new FloatTensor(new float[2], 1, 2, 1), "stems"));

        Assert.Contains("mixture", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_asked_for_on_a_cpu_build_falls_back_to_cpu_with_the_reason()
    {
        var environment = Support.Runtime.Create(new OnnxRuntimeOptions
        {
            ExecutionProvider = ExecutionProvider.Cuda,
            CudaDeviceId = 0,
            GpuMemoryLimitBytes = 1L << 30,
        });
        using var session = environment.CreateSession(TestModels.Shared.PathOf("test-passthrough"));
        var input = Noise(2 * 16, seed: 1);

        var stems = session.Run("mixture", new FloatTensor(input, 1, 2, 16), "stems");

        Assert.Equal(ExecutionProvider.Cpu, session.ExecutionProvider);
        Assert.True(session.FallbackReason?.Contains("provider", StringComparison.OrdinalIgnoreCase), session.FallbackReason);
        Assert.Equal(input, stems.Data.ToArray());
    }

    [Fact]
    public async Task Concurrent_runs_on_one_session_give_the_serial_results()
    {
        using var session = Ort.CreateSession(TestModels.Shared.PathOf("test-separator-4stem"));
        var inputs = Enumerable.Range(0, 16).Select(i => Noise(2 * 2000, seed: i)).ToArray();
        var serial = inputs.Select(x => session.Run("mixture", new FloatTensor(x, 1, 2, 2000), "stems").Data.ToArray()).ToArray();

        var parallel = await Task.WhenAll(inputs.Select(x =>
            Task.Run(() => session.Run("mixture", new FloatTensor(x, 1, 2, 2000), "stems").Data.ToArray())));

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }

    internal static float[] Noise(int length, int seed)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return data;
    }
}
