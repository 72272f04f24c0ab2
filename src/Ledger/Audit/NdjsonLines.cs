namespace Ledger.Audit;

/// <summary>
/// Splits a stream into lines of bytes without decoding them: the importer parses UTF-8 directly, and a buffer that
/// only grows to the longest line keeps memory flat however long the file is.
/// </summary>
internal sealed class NdjsonLines(Stream input)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>The next line without its line break (valid until the next call), or null at the end.</summary>
    public async Task<ReadOnlyMemory<byte>?> NextAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, scanned + newline);
                _start += scanned + newline + 1;
                return line;
            }

            scanned = _end - _start;
            if (_eof)
            {
                if (scanned == 0)
                {
                    return null;
                }

                var last = _buffer.AsMemory(_start, scanned);
                _start = _end;
                return last;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        // Move the partial line to the front, growing the buffer only when a single line fills it.
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }

        (_start, _end) = (0, pending);
        var read = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        _eof = read == 0;
    }
}
