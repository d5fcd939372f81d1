using System.Reflection;
using Xunit.Sdk;

namespace SampleMind.Scheduling.Tests.Infrastructure;

/// <summary>Runs a theory once per queue implementation: "sqlite" and "postgres".</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [QueueStore.Sqlite],
        [QueueStore.Postgres],
    ];
}
