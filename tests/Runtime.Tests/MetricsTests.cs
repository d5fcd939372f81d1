using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Call_counter_equals_the_number_of_calls()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString("N");
        long calls = 0;
        long durations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SampleMind.Runtime" &&
                instrument.Name is "samplemind.grain.calls" or "samplemind.grain.call.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (HasTag(tags, "grain_type", "metrics-echo") && HasTag(tags, "method", "Echo"))
            {
                Interlocked.Add(ref calls, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (HasTag(tags, "grain_type", "metrics-echo"))
            {
                Interlocked.Increment(ref durations);
            }
        });
        listener.Start();

        const int N = 25;
        for (var i = 0; i < N; i++)
        {
            Assert.Equal(i, await silo.Grains.GetGrain<IEchoGrain>(key).Echo(i));
        }

        Assert.Equal(N, Interlocked.Read(ref calls));
        Assert.Equal(N, Interlocked.Read(ref durations));
    }

    [Fact]
    public async Task Cluster_diagnostics_count_activations_by_grain_type()
    {
        await using var silo = await TestSilo.StartAsync(o => o.Roles = ["cpu"]);
        var activated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = Guid.NewGuid().ToString("N");
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new ListenerObserver(key, activated));
        await silo.Grains.GetGrain<IEchoGrain>(key).Echo(1);
        await activated.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var local = silo.Services.GetRequiredService<IClusterDiagnostics>().GetLocalSilo();

        Assert.Equal(SiloStatus.Running, local.Status);
        Assert.Equal(["cpu"], local.Roles);
        Assert.NotNull(local.StartedAt);
        Assert.Equal(1, local.ActivationsByGrainType["metrics-echo"]);
        Assert.Equal("cpu", GrainTypeRegistry.FindClass("metrics-echo")!.PlacementRole);
    }

    [Fact]
    public async Task The_activations_gauge_reports_a_grain_type_whose_activations_are_all_gone_as_zero()
    {
        await using var silo = await TestSilo.StartAsync();
        var meter = silo.Services.GetRequiredService<IMeterFactory>().Create(RuntimeMetrics.MeterName);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.Grains.GetGrain<ILifecycleGrain>(key);
        var lifecycleType = GrainTypeRegistry.GrainClasses.Single(c => c.ClassType == typeof(LifecycleGrain)).GrainType;
        Assert.Equal(1, await grain.Activations());
        Assert.Equal(1, Observe(meter, lifecycleType));

        await grain.DeactivateAfterThisCall();
        await Sinks.For(key).Deactivated.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, Observe(meter, lifecycleType));
    }

    /// <summary>The activations gauge of <paramref name="meter"/> (one silo's) for <paramref name="grainType"/>, or null when it reports none.</summary>
    private static int? Observe(Meter meter, string grainType)
    {
        int? observed = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "samplemind.grain.activations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            if (HasTag(tags, "grain_type", grainType))
            {
                observed = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }

    private static bool HasTag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name, string value)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name && tag.Value as string == value)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class ListenerObserver(string key, TaskCompletionSource activated) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == RuntimeEvents.ListenerName)
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RuntimeEvents.Activated && value.Value is RuntimeEvent e && e.GrainId.Key == key)
            {
                activated.TrySetResult();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
