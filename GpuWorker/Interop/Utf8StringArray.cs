using System.Runtime.InteropServices;

namespace SampleMind.GpuWorker.Interop;

/// <summary>A native array of NUL-terminated UTF-8 strings (<c>const char* const*</c>), freed on dispose.</summary>
internal sealed unsafe class Utf8StringArray : IDisposable
{
    private readonly nint[] _strings;
    private nint* _array;

    public Utf8StringArray(IReadOnlyList<string> values)
    {
        _strings = new nint[values.Count];
        _array = (nint*)NativeMemory.Alloc((nuint)Math.Max(1, values.Count), (nuint)sizeof(nint));
        for (var i = 0; i < values.Count; i++)
        {
            _strings[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            _array[i] = _strings[i];
        }
    }

    public int Count => _strings.Length;

    public nint* Pointer => _array;

    public void Dispose()
    {
        if (_array is null)
        {
            return;
        }

        foreach (var s in _strings)
        {
            Marshal.FreeCoTaskMem(s);
        }

        NativeMemory.Free(_array);
        _array = null;
    }
}
