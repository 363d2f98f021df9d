#pragma once

namespace orm::migrate {

// Owns a POSIX file descriptor.
class FileDescriptor
{
public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor();
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return m_fd; }
  // Closes now and returns close()'s errno (0 on success): a delayed write error shows up here.
  int close();

private:
  int m_fd;
};

} // namespace orm::migrate
