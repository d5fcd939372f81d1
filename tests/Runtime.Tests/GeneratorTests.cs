using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SampleMind.Runtime.CodeGen;

namespace SampleMind.Runtime.Tests;

public sealed class GeneratorTests
{
    private static (GeneratorDriverRunResult Result, Compilation Output) Run(string source)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Grain).Assembly.Location));
        var compilation = CSharpCompilation.Create("GeneratorProbe", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GrainGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The generated source that registers the grain classes and interfaces (the module initializer).</summary>
    private static string Registration(GeneratorDriverRunResult result) =>
        Assert.Single(result.Results.Single().GeneratedSources,
            s => s.SourceText.ToString().Contains("ModuleInitializer", StringComparison.Ordinal)).SourceText.ToString();

    [Fact]
    public void A_grain_method_returning_a_plain_value_is_an_error()
    {
        var (result, _) = Run("""
            using SampleMind.Runtime;
            public interface IBadGrain : IGrainWithStringKey { int Count(); System.Threading.Tasks.Task Ok(); }
            """);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SMRT001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("IBadGrain.Count", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_code_compiles_and_registers_references_and_factories()
    {
        var (result, output) = Run("""
            using System.Threading.Tasks;
            using SampleMind.Runtime;
            public interface IGoodGrain : IGrainWithStringKey { Task<int> A(int x); ValueTask B(string s); ValueTask<string?> C(); Task D(); }
            public sealed class State { public int N { get; set; } }
            public sealed class GoodGrain([PersistentState("s")] IPersistentState<State> state, System.TimeProvider time) : Grain, IGoodGrain
            {
                public Task<int> A(int x) => Task.FromResult(x + state.State.N);
                public ValueTask B(string s) => default;
                public ValueTask<string?> C() => new(time.GetUtcNow().ToString());
                public Task D() => Task.CompletedTask;
            }
            """);

        Assert.Empty(result.Diagnostics);
        var registration = Registration(result);
        Assert.Contains("RegisterInterface<global::IGoodGrain>", registration, StringComparison.Ordinal);
        Assert.Contains("\"good\"", registration, StringComparison.Ordinal);
        Assert.Contains("GetPersistentState<global::State>(\"s\"", registration, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_state_not_read_on_activation_is_created_without_joining_the_activation_reads()
    {
        var (result, output) = Run("""
            using System.Threading.Tasks;
            using SampleMind.Runtime;
            public interface ILazyGrain : IGrainWithStringKey { Task<int> A(); }
            public sealed class State { public int N { get; set; } }
            public sealed class LazyGrain(
                [PersistentState("s", ReadOnActivation = false)] IPersistentState<State> lazy,
                [PersistentState("t")] IPersistentState<State> eager) : Grain, ILazyGrain
            {
                public Task<int> A() => Task.FromResult(lazy.State.N + eager.State.N);
            }
            """);

        Assert.Empty(result.Diagnostics);
        var registration = Registration(result);
        Assert.Contains("GetPersistentState<global::State>(\"s\", null, static () => new global::State(), readOnActivation: false)", registration, StringComparison.Ordinal);
        Assert.Contains("GetPersistentState<global::State>(\"t\", null, static () => new global::State())", registration, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_collection_age_limit_is_registered_with_its_class_and_one_of_zero_is_reported()
    {
        var (result, output) = Run("""
            using System.Threading.Tasks;
            using SampleMind.Runtime;
            public interface IAgedGrain : IGrainWithStringKey { Task<int> A(); }
            [CollectionAgeLimit(Hours = 1, Minutes = 1.5)]
            public sealed class AgedGrain : Grain, IAgedGrain
            {
                public Task<int> A() => Task.FromResult(1);
            }
            public interface IAgelessGrain : IGrainWithStringKey { Task<int> B(); }
            [CollectionAgeLimit]
            public sealed class AgelessGrain : Grain, IAgelessGrain
            {
                public Task<int> B() => Task.FromResult(2);
            }
            """);

        var registration = Registration(result);
        Assert.Contains("CollectionAge = global::System.TimeSpan.FromSeconds(3690)", registration, StringComparison.Ordinal);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("SMRT003", error.Id);
        Assert.Contains("AgelessGrain", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("SMRT", StringComparison.Ordinal)));
    }
}
