package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// createUnnamed opens a file without a name in dir (O_TMPFILE): if the
// process dies before linkUnnamed, the kernel frees it. It returns
// errNoUnnamed where the kernel (EISDIR before Linux 3.11) or the file
// system (EOPNOTSUPP: vfat, some network file systems) has no such files,
// or /proc, through which linkUnnamed names it, is not mounted.
func createUnnamed(dir string) (*os.File, error) {
	f, err := os.OpenFile(dir, os.O_WRONLY|unix.O_TMPFILE, 0o600)
	if errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.EISDIR) {
		return nil, errNoUnnamed
	}
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(procPath(f)); err != nil {
		f.Close()
		return nil, errNoUnnamed
	}
	return f, nil
}

// linkUnnamed gives the file of createUnnamed the name name, failing if
// it exists. linkat with AT_EMPTY_PATH would need CAP_DAC_READ_SEARCH;
// the /proc link needs nothing.
func linkUnnamed(f *os.File, name string) error {
	err := unix.Linkat(unix.AT_FDCWD, procPath(f), unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
	if err != nil {
		return &fs.PathError{Op: "link", Path: name, Err: err}
	}
	return nil
}

func procPath(f *os.File) string {
	return "/proc/self/fd/" + strconv.Itoa(int(f.Fd()))
}

// renameNoReplace renames oldpath to newpath unless newpath exists
// (renameat2 with RENAME_NOREPLACE). File systems without hard links, such
// as the vfat of a USB stick, have it; those without it (EINVAL, as some
// network file systems) get a hard link instead.
func renameNoReplace(oldpath, newpath string) error {
	err := unix.Renameat2(unix.AT_FDCWD, oldpath, unix.AT_FDCWD, newpath, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return linkThenRemove(oldpath, newpath)
	}
	if err != nil {
		return &fs.PathError{Op: "rename", Path: newpath, Err: err}
	}
	return nil
}
