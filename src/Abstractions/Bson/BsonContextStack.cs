using System.Runtime.CompilerServices;

namespace OpenQuizz.Typed.Bson;

/// <summary>What kind of container a reader or writer frame stands for.</summary>
internal enum BsonContainerKind : byte
{
    Document = 0,
    Array = 1,
    CodeWithScope = 2,
}

/// <summary>
/// The stack of open containers of a reader or writer. The first 16 levels live inline, so the common case
/// allocates nothing; deeper documents spill into one heap array.
/// </summary>
internal struct BsonContextStack
{
    private InlineFrames _inline;
    private Frame[]? _spill;
    private int _count;

    public readonly int Count => _count;

    public void Push(Frame frame)
    {
        if (_count < InlineFrames.Length)
        {
            _inline[_count] = frame;
        }
        else
        {
            _spill ??= new Frame[BsonLimits.MaxDepth + 2 - InlineFrames.Length];
            if (_count - InlineFrames.Length >= _spill.Length)
            {
                Array.Resize(ref _spill, _spill.Length * 2);
            }

            _spill[_count - InlineFrames.Length] = frame;
        }

        _count++;
    }

    public Frame Pop()
    {
        var frame = Peek();
        _count--;
        return frame;
    }

    public readonly Frame Peek() => _count <= InlineFrames.Length ? _inline[_count - 1] : _spill![_count - 1 - InlineFrames.Length];

    public void ReplaceTop(Frame frame)
    {
        if (_count <= InlineFrames.Length)
        {
            _inline[_count - 1] = frame;
        }
        else
        {
            _spill![_count - 1 - InlineFrames.Length] = frame;
        }
    }

    /// <summary>One open container: where it starts (its length prefix) or ends, and the next array index.</summary>
    internal struct Frame
    {
        public int Position;
        public int ArrayIndex;
        public BsonContainerKind Kind;
    }

    [InlineArray(Length)]
    private struct InlineFrames
    {
        public const int Length = 16;
        private Frame _first;
    }
}
