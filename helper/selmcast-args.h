/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_ARGS_H
#define SELMCAST_ARGS_H

#include "ns3/command-line.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Strict command-line parsing for the examples: every numeric, time and rate option is read as
 * text and parsed whole, so that "1e30" is not an integer 1, "-1" does not wrap, a time or rate
 * needs its unit, and ns-3's own globals (--RngRun, --ns3::Type::Attribute) are checked before
 * ns-3's parser could abort on them.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * An interval of real numbers, each end closed or open; the text form ("[0, 1)") is what the
 * error messages quote as the allowed range.
 */
struct SelmcastInterval
{
    double min;          //!< lower end
    double max;          //!< upper end
    bool minOpen{false}; //!< true: min itself is excluded
    bool maxOpen{false}; //!< true: max itself is excluded

    /**
     * \param x a finite value
     * \return true when x lies in the range
     */
    bool Contains(double x) const;
    /** \return "[min, max]" with ( or ) for an open end */
    std::string ToString() const;
};

/**
 * \ingroup selmcast
 * A CommandLine whose numeric options are parsed strictly. Each Add* registers the option with
 * ns-3's CommandLine as a string (its current value as the default shown by --PrintHelp) and
 * remembers how to parse it; Parse then reads every option that was given, whole and in range,
 * into its target. Strings and booleans go straight to CommandLine (AddValue).
 *
 * Parse returns the first problem as one line that names the option and its allowed range; the
 * example prints it (Refuse) and exits before it writes anything.
 */
class SelmcastArgs
{
  public:
    /**
     * \param file the example's __FILE__ (CommandLine's usage line; the program name is its
     *        base name without extension)
     */
    explicit SelmcastArgs(const std::string& file);

    /** \return the underlying CommandLine (for Usage and the like) */
    CommandLine& GetCommandLine();
    /** \return the program name used in messages */
    const std::string& GetProgram() const;

    /**
     * Register a string or boolean option (CommandLine::AddValue, no extra checks).
     * \param name option name
     * \param help help text
     * \param target where the value goes
     */
    template <typename T>
    void AddValue(const std::string& name, const std::string& help, T& target)
    {
        m_cmd.AddValue(name, help, target);
        m_plain.push_back(name);
        if (!std::is_same_v<T, bool>)
        {
            m_needsValue.push_back(name); // only a boolean may stand alone ("--progress")
        }
    }

    /**
     * Register an unsigned integer option: decimal digits only, in [min, max].
     * \param name option name
     * \param help help text (the range is appended)
     * \param target where the value goes; its current value is the default
     * \param min smallest allowed value
     * \param max largest allowed value (at most the target type's maximum)
     */
    void AddUnsigned(const std::string& name,
                     const std::string& help,
                     uint32_t& target,
                     uint64_t min,
                     uint64_t max);
    /** \copydoc AddUnsigned(const std::string&,const std::string&,uint32_t&,uint64_t,uint64_t) */
    void AddUnsigned(const std::string& name,
                     const std::string& help,
                     uint64_t& target,
                     uint64_t min,
                     uint64_t max);
    /**
     * Register a signed integer option: an optional '-' and decimal digits, in [min, max].
     * \param name option name
     * \param help help text (the range is appended)
     * \param target where the value goes; its current value is the default
     * \param min smallest allowed value
     * \param max largest allowed value
     */
    void AddSigned(const std::string& name,
                   const std::string& help,
                   int32_t& target,
                   int32_t min,
                   int32_t max);
    /**
     * Register a real option: a finite decimal number (no nan, inf or hex), in range.
     * \param name option name
     * \param help help text (the range is appended)
     * \param target where the value goes; its current value is the default
     * \param range allowed values
     */
    void AddReal(const std::string& name,
                 const std::string& help,
                 double& target,
                 const SelmcastInterval& range);
    /**
     * Register a time option: a finite number followed by its unit (s, ms, us, ns, ps, fs, min,
     * h, d, y), in [min, max].
     * \param name option name
     * \param help help text (the range is appended)
     * \param target where the value goes; its current value is the default
     * \param min shortest allowed time
     * \param max longest allowed time
     */
    void AddTime(const std::string& name,
                 const std::string& help,
                 Time& target,
                 Time min,
                 Time max);
    /**
     * Register a data-rate option: a decimal number (digits and one '.') followed by an ns-3
     * unit (bps, kbps, Mbps, Gbps, Bps, KiBps, ...), in [minBps, maxBps] bit/s. The target keeps
     * the text as given (ns-3 parses it the same way).
     * \param name option name
     * \param help help text (the range is appended)
     * \param target where the text goes; its current value is the default
     * \param minBps slowest allowed rate, bit/s
     * \param maxBps fastest allowed rate, bit/s
     */
    void AddRate(const std::string& name,
                 const std::string& help,
                 std::string& target,
                 double minBps,
                 double maxBps);

    /**
     * Parse every registered option strictly into its target (from the raw argument text),
     * check ns-3's globals and --ns3:: attributes, then let CommandLine parse the rest. Call
     * once.
     * \param argc from main
     * \param argv from main
     * \return an empty string, or one line naming the first bad option and its allowed range
     */
    std::string Parse(int argc, char* argv[]);

    /**
     * \param name an option name
     * \return true when the command line gave it
     */
    bool IsGiven(const std::string& name) const;

    /**
     * Print "<program>: invalid parameter: <message>" on stderr.
     * \param message what is wrong (names the option and its range)
     * \return the exit status to return from main (1)
     */
    int Refuse(const std::string& message) const;

    /**
     * Warn on stderr, once per option given, that options of another topology or mode are
     * ignored.
     * \param names the options that do not apply
     * \param why why they do not apply (e.g. "topology is bigswitch")
     */
    void WarnIgnored(const std::vector<std::string>& names, const std::string& why) const;

    /**
     * Register an option whose raw text (spaces and all) goes to a parser of the caller's, for
     * values such as lists that CommandLine would cut at a space.
     * \param name option name
     * \param help help text, allowed values included
     * \param set parses the text; returns "" or the problem (without the name)
     */
    void AddText(const std::string& name,
                 const std::string& help,
                 std::function<std::string(const std::string&)> set);

    /**
     * Strictly parse an unsigned integer (the rule of AddUnsigned), for options that hold
     * lists.
     * \param text the text
     * \param min smallest allowed value
     * \param max largest allowed value
     * \param value where the number goes
     * \return an empty string, or "'text' is not ..., allowed: [min, max]"
     */
    static std::string ParseUnsigned(const std::string& text,
                                     uint64_t min,
                                     uint64_t max,
                                     uint64_t& value);

    /**
     * Strictly parse a time with a unit (the rule of AddTime), for times read from files.
     * \param text the text
     * \param min shortest allowed time
     * \param max longest allowed time
     * \param value where the time goes
     * \return an empty string, or "'text' is not ..., allowed: ..."
     */
    static std::string ParseTime(const std::string& text, Time min, Time max, Time& value);

  private:
    /** One strictly parsed option. */
    struct Option
    {
        std::string name;                                   //!< option name
        std::string text;                                   //!< the default --PrintHelp shows
        std::function<std::string(const std::string&)> set; //!< parse text into the target
    };

    /**
     * Register an option as a string with its parser.
     * \param name option name
     * \param help help text, range included
     * \param text the default's text
     * \param set parses a text into the target; returns "" or the problem (without the name)
     */
    void Add(const std::string& name,
             const std::string& help,
             const std::string& text,
             std::function<std::string(const std::string&)> set);

    /**
     * Register an unsigned option of type T (AddUnsigned's rule), max capped at T's maximum.
     * \param name option name
     * \param help help text (the range is appended)
     * \param target where the value goes
     * \param min smallest allowed value
     * \param max largest allowed value
     */
    template <typename T>
    void AddInteger(const std::string& name,
                    const std::string& help,
                    T& target,
                    uint64_t min,
                    uint64_t max);

    /**
     * Check the --name=value pairs CommandLine would hand to ns-3's globals or attributes.
     * \param argc from main
     * \param argv from main
     * \return an empty string or the problem
     */
    std::string CheckNs3Arguments(int argc, char* argv[]) const;

    CommandLine m_cmd;                             //!< ns-3's parser
    std::string m_program;                         //!< name in messages
    std::vector<std::unique_ptr<Option>> m_strict; //!< stable addresses for CommandLine
    std::vector<std::string> m_plain;              //!< strings and booleans
    std::vector<std::string> m_needsValue;         //!< plain options that are not booleans
    std::vector<std::string> m_given;              //!< option names the command line gave
};

} // namespace ns3

#endif /* SELMCAST_ARGS_H */
