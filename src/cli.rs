//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "handbook",
    version,
    about = "Builds engineering-management handbooks into fast, searchable static sites"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build(BuildArgs),
    /// Preview the handbook: build it, serve it locally and reload open pages on every edit.
    Serve(ServeArgs),
    /// Check the handbook (front matter, links, anchors, owners, review dates) without writing.
    Check(CheckArgs),
    /// Start a new handbook: book.toml and a few pages to write over, in DIR (default: here).
    Init(InitArgs),
    /// Deletes the trash folders of earlier sites that `build` hands over; not for people.
    #[command(name = "__remove-trash", hide = true)]
    RemoveTrash { paths: Vec<PathBuf> },
    /// Draws Mermaid diagrams sent on stdin, for `build`, `check` and `serve`; not for people.
    #[command(name = "__draw-diagrams", hide = true)]
    DrawDiagrams,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write the new handbook into (created if need be).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The handbook's title.
    #[arg(long, default_value = "Engineering Management Handbook")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The handbook's folder (default: the nearest folder at or above this one with a book.toml
    /// or another tool's settings).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// The port to listen on; when busy, the next free one is used.
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on. Anything but 127.0.0.1 makes the preview visible to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The handbook's folder (default: the nearest folder at or above this one with a book.toml
    /// or another tool's settings).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// How to print problems: for people, JSON, GitHub annotations, a GitLab Code Quality report
    /// or a JUnit XML test report.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// List every page by review due date, with its owner and days overdue (human or json).
    #[arg(long)]
    pub reviews: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The handbook's folder (default: the nearest folder at or above this one with a book.toml
    /// or another tool's settings).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Where to write the site (default: [build] dest, "public"), relative to the current folder.
    #[arg(long)]
    pub dest: Option<PathBuf>,
    /// The address the site will be published at, e.g. https://intranet.example.com/handbook/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}
