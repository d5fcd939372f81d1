using FsCheck;
using FsCheck.Fluent;

namespace SampleMind.Collaboration.Tests.Properties;

/// <summary>Runs an FsCheck property from a plain xunit fact; a failure throws with the counter-example.</summary>
internal static class PropertyCheck
{
    public static void ForAll<T>(Gen<T> generator, Action<T> property, int maxTest = 400)
    {
        var prop = Prop.ForAll(generator.ToArbitrary(), property);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true), prop);
    }

    /// <summary>A generator of cases built from a random seed (cases are reproducible from their seed).</summary>
    public static Gen<T> FromSeed<T>(Func<Random, T> create) =>
        Gen.Choose(0, int.MaxValue).Select(seed => create(new Random(seed)));
}
