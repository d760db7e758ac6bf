#pragma once
// Outputs are written to a temporary file beside the target and renamed on success, so a
// failed or interrupted run never leaves a half-written file and never clobbers an old one.
//
// Every command gathers its outputs in one OutputSet before it reads any input:
//
//     OutputSet outputs(overwrite);
//     outputs.add_input(run.input);                  // each input file (also "-", PG:, /vsi...)
//     AtomicPath& main = outputs.add(run.output);    // each output ("-": standard output)
//     AtomicPath* extra = outputs.add_optional(run.extra);  // empty name: nullptr
//     ... read, compute, write into main / *extra (write(), stream(), or gdal_path()) ...
//     outputs.commit();                              // all appear, or none
//
// add() refuses, before anything is read: an output that is the same file as an input or as
// another output (device + inode, following links; a name that does not exist yet by its
// canonical folder + name), a target that is a symbolic link, a FIFO, a device, a socket or a
// folder, an existing file without --overwrite, a missing or read-only folder, a name longer
// than NAME_MAX, and "-" when standard output is closed. It then creates the temporary file at
// once: a private folder `.NAME.tmpXXXXXX` (mkdtemp, mode 0700) beside the target holding the
// file, opened with O_CREAT|O_EXCL|O_NOFOLLOW and kept open, so nothing planted between the
// check and the write can redirect it. commit() renames every file into place with a
// no-replace rename (renameat2 RENAME_NOREPLACE; link + unlink where the file system lacks it)
// unless --overwrite, so of two concurrent runs the second fails cleanly; with --overwrite it
// keeps the replaced file's mode (and owner and group where the user may set them), and if
// any rename fails the outputs already renamed are taken back (new ones removed, replaced
// ones restored from a hard link kept in the temporary folder).
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

class AtomicPath {
public:
    /// A stand-alone output (prefer OutputSet::add): runs the checks above and creates the
    /// temporary file. "-" is standard output. Throws OutputError / UsageError.
    AtomicPath(std::string target, bool overwrite);
    ~AtomicPath();
    AtomicPath(const AtomicPath&) = delete;
    AtomicPath& operator=(const AtomicPath&) = delete;

    [[nodiscard]] bool is_stdout() const { return target_ == "-"; }
    /// The name as the user gave it (for messages).
    [[nodiscard]] const std::string& target() const { return target_; }

    /// The stream on the kept descriptor of the temporary file (standard output for "-").
    std::FILE* stream();
    /// Writes all of `text` to stream(). Throws OutputError ("NAME: write failed (why)").
    void write(std::string_view text);
    /// Flushes and closes the stream, checking every error. Throws OutputError.
    void close();
    /// For writers that create the file themselves (GDAL): gives up the kept descriptor and
    /// returns the temporary file's path inside the private folder (a short name with the
    /// target's extension, so SQLite's -journal fits NAME_MAX too).
    std::string gdal_path();

    /// Renames the temporary file onto the target (see above). Throws OutputError.
    void commit();

private:
    friend class OutputSet;
    void take_back() noexcept; // undoes commit()
    void cleanup() noexcept;

    std::string target_;
    bool overwrite_ = false;
    std::string dir_;    // private temporary folder
    std::string temp_;   // the temporary file inside it
    std::string backup_; // hard link to the replaced file while a set commits
    std::FILE* stream_ = nullptr;
    int fd_ = -1;
    bool committed_ = false;
    bool replaced_ = false;
    int slot_ = -1;
};

class OutputSet {
public:
    explicit OutputSet(bool overwrite);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// Records an input file (a GDAL name such as /vsizip/a.zip/b.csv counts as a.zip; a
    /// Shapefile counts with its .dbf/.shx/.prj/.cpg; "-" and PG: are skipped). Call before
    /// add(); an input added later is still compared with the outputs already added.
    void add_input(const std::string& path);
    /// Adds an output (checks above); "-" is standard output, allowed once per set.
    /// Throws UsageError (same file twice, input as output) / OutputError.
    AtomicPath& add(const std::string& path);
    /// add() for an optional output: nullptr when `path` is empty.
    AtomicPath* add_optional(const std::string& path);
    /// Flushes standard output, then renames every output into place: all or none.
    void commit();

private:
    struct Identity;
    void check_conflicts(const std::string& path, const Identity& id, bool is_output);

    bool overwrite_;
    std::vector<std::unique_ptr<AtomicPath>> outputs_;
    std::vector<std::unique_ptr<Identity>> identities_;
    bool has_stdout_ = false;
};

/// Writes `text` to `path` atomically ("-": standard output), on its own. Throws OutputError.
void write_text_file(const std::string& path, const std::string& text, bool overwrite);

/// Removes every temporary output still registered; async-signal-safe (for signal handlers
/// in the CLI).
void remove_temporary_outputs() noexcept;

} // namespace coverage
