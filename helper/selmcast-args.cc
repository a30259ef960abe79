/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-args.h"

#include "ns3/data-rate.h"
#include "ns3/global-value.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * \param x a number
 * \return its shortest text ("0.25", "1e+12")
 */
std::string
Text(double x)
{
    std::ostringstream os;
    os << x;
    return os.str();
}

/**
 * \param t a time
 * \return its text in the largest unit that keeps it whole ("100ms", "3600s")
 */
std::string
TimeText(Time t)
{
    const int64_t ns = t.GetNanoSeconds();
    const std::pair<int64_t, const char*> units[] = {{1000000000, "s"},
                                                     {1000000, "ms"},
                                                     {1000, "us"}};
    for (const auto& [factor, unit] : units)
    {
        if (ns != 0 && ns % factor == 0)
        {
            return std::to_string(ns / factor) + unit;
        }
    }
    return std::to_string(ns) + "ns";
}

/**
 * \param bps a rate in bit/s
 * \return its text in the largest of Gbps, Mbps, kbps, bps that is at least 1
 */
std::string
RateText(double bps)
{
    const std::pair<double, const char*> units[] = {{1e9, "Gbps"}, {1e6, "Mbps"}, {1e3, "kbps"}};
    for (const auto& [factor, unit] : units)
    {
        if (bps >= factor)
        {
            return Text(bps / factor) + unit;
        }
    }
    return Text(bps) + "bps";
}

/**
 * \param min lower end
 * \param max upper end
 * \return "[min, max]"
 */
std::string
IntervalText(const std::string& min, const std::string& max)
{
    return "[" + min + ", " + max + "]";
}

/**
 * The decimal part of a number: digits with an optional '.' and more digits, or '.' and digits
 * (the pattern [0-9]+\.?[0-9]*|\.[0-9]+). Hand-written rather than std::regex: ns-3's
 * topology-read library compiles std::regex patterns when it is loaded, and with this library's
 * instances of the same templates interposed it threw "Invalid escape" at start-up (Debian 12).
 * \param text the text
 * \param pos where the number starts
 * \return where it ends, or std::string::npos when none starts at pos
 */
std::size_t
ScanDecimal(const std::string& text, std::size_t pos)
{
    auto digitsFrom = [&text](std::size_t at) {
        while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])))
        {
            ++at;
        }
        return at;
    };
    const std::size_t whole = digitsFrom(pos);
    if (whole > pos)
    {
        return whole < text.size() && text[whole] == '.' ? digitsFrom(whole + 1) : whole;
    }
    if (pos < text.size() && text[pos] == '.' && digitsFrom(pos + 1) > pos + 1)
    {
        return digitsFrom(pos + 1);
    }
    return std::string::npos;
}

/**
 * An optional exponent ([eE][-+]?[0-9]+).
 * \param text the text
 * \param pos where it may start
 * \return where it ends (pos when there is none)
 */
std::size_t
ScanExponent(const std::string& text, std::size_t pos)
{
    if (pos >= text.size() || (text[pos] != 'e' && text[pos] != 'E'))
    {
        return pos;
    }
    std::size_t at = pos + 1;
    if (at < text.size() && (text[at] == '-' || text[at] == '+'))
    {
        ++at;
    }
    const std::size_t start = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])))
    {
        ++at;
    }
    return at > start ? at : pos;
}

/**
 * \param text the text
 * \param pos where to start
 * \return true when text has at least one character from pos on and all are digits
 */
bool
AllDigitsFrom(const std::string& text, std::size_t pos)
{
    return pos < text.size() && std::all_of(text.begin() + pos, text.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c));
           });
}

/**
 * Strict signed 64-bit integer: an optional '-' and decimal digits, nothing else.
 * \param text the text
 * \param value where the number goes
 * \return "" or why the text is not an integer
 */
std::string
ParseInt64(const std::string& text, int64_t& value)
{
    if (!AllDigitsFrom(text, !text.empty() && text[0] == '-' ? 1 : 0))
    {
        return "'" + text + "' is not a whole number";
    }
    errno = 0;
    value = std::strtoll(text.c_str(), nullptr, 10);
    return errno == ERANGE ? "'" + text + "' is out of range" : "";
}

/**
 * Strict finite real number: decimal digits, an optional fraction and exponent; no spaces, no
 * nan, inf or hexadecimal.
 * \param text the text
 * \param value where the number goes
 * \return "" or why the text is not a number
 */
std::string
ParseFinite(const std::string& text, double& value)
{
    const std::size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    const std::size_t end = ScanDecimal(text, start);
    if (end == std::string::npos || ScanExponent(text, end) != text.size())
    {
        return "'" + text + "' is not a finite number";
    }
    value = std::strtod(text.c_str(), nullptr);
    return std::isfinite(value) ? "" : "'" + text + "' is out of range";
}

/**
 * Strict time: a finite non-negative number and one of ns-3's time units.
 * \param text the text
 * \param min shortest allowed time
 * \param max longest allowed time
 * \param value where the time goes
 * \return "" or the problem with the allowed range
 */
std::string
ParseTimeText(const std::string& text, Time min, Time max, Time& value)
{
    const std::string allowed = ", allowed: a number and a unit (s, ms, us, ns, min, h) in " +
                                IntervalText(TimeText(min), TimeText(max));
    const std::size_t number = ScanDecimal(text, 0);
    const std::string suffix =
        number == std::string::npos ? "" : text.substr(ScanExponent(text, number));
    const std::pair<const char*, Time::Unit> units[] = {{"s", Time::S},
                                                        {"ms", Time::MS},
                                                        {"us", Time::US},
                                                        {"ns", Time::NS},
                                                        {"ps", Time::PS},
                                                        {"fs", Time::FS},
                                                        {"min", Time::MIN},
                                                        {"h", Time::H},
                                                        {"d", Time::D},
                                                        {"y", Time::Y}};
    Time::Unit unit = Time::S;
    bool known = false;
    for (const auto& [name, u] : units)
    {
        unit = suffix == name ? u : unit;
        known = known || suffix == name;
    }
    if (!known)
    {
        return "'" + text + "' is not a time with a unit" + allowed;
    }
    const double amount = std::strtod(text.c_str(), nullptr);
    // Compare in seconds first: a value beyond ns-3's Time range must not reach FromDouble.
    const double seconds = amount * Time::FromInteger(1, unit).GetSeconds();
    if (!std::isfinite(amount) || seconds > max.GetSeconds() * (1 + 1e-12) ||
        seconds < min.GetSeconds() * (1 - 1e-12))
    {
        return "'" + text + "' is out of range" + allowed;
    }
    value = Time::FromDouble(amount, unit);
    if (value < min || value > max)
    {
        return "'" + text + "' is out of range" + allowed;
    }
    return "";
}

/**
 * Strict data rate: digits with at most one '.', then one of ns-3's rate units.
 * \param text the text
 * \param minBps slowest allowed rate
 * \param maxBps fastest allowed rate
 * \return "" or the problem with the allowed range
 */
std::string
CheckRateText(const std::string& text, double minBps, double maxBps)
{
    const std::string allowed = ", allowed: a number and a unit (bps, kbps, Mbps, Gbps, Bps, "
                                "...) in " +
                                IntervalText(RateText(minBps), RateText(maxBps));
    const std::size_t number = ScanDecimal(text, 0);
    const std::string suffix = number == std::string::npos ? "" : text.substr(number);
    DataRateValue unit;
    if (suffix.empty() ||
        !std::all_of(
            suffix.begin(),
            suffix.end(),
            [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '/'; }) ||
        !unit.DeserializeFromString("1" + suffix, MakeDataRateChecker()))
    {
        return "'" + text + "' is not a rate with a unit" + allowed;
    }
    const double bps = std::strtod(text.c_str(), nullptr) * unit.Get().GetBitRate();
    if (!(bps >= minBps && bps <= maxBps))
    {
        return "'" + text + "' is out of range" + allowed;
    }
    return "";
}

/**
 * Check a value for an ns-3 global or attribute: the strict syntax of its type, then its
 * checker, so that ns-3's parser neither misreads nor aborts on it.
 * \param value the text
 * \param checker the attribute's checker
 * \return "" or the problem with the allowed values
 */
std::string
CheckAttributeText(const std::string& value, Ptr<const AttributeChecker> checker)
{
    const std::string type = checker->GetValueTypeName();
    const std::string allowed = ", allowed: " + checker->GetUnderlyingTypeInformation();
    std::string error;
    if (type == "ns3::UintegerValue")
    {
        uint64_t v = 0;
        error = SelmcastArgs::ParseUnsigned(value, 0, std::numeric_limits<uint64_t>::max(), v);
    }
    else if (type == "ns3::IntegerValue")
    {
        int64_t v = 0;
        error = ParseInt64(value, v);
    }
    else if (type == "ns3::DoubleValue")
    {
        double v = 0;
        error = ParseFinite(value, v);
    }
    else if (type == "ns3::TimeValue")
    {
        Time v;
        error = ParseTimeText(value, Time::Min(), Time::Max(), v);
    }
    else if (type == "ns3::DataRateValue")
    {
        error = CheckRateText(value, 0, 1.8e19);
    }
    if (!error.empty())
    {
        return error.find("allowed") == std::string::npos ? error + allowed : error;
    }
    if (!checker->CreateValidValue(StringValue(value)))
    {
        return "'" + value + "' is not accepted" + allowed;
    }
    return "";
}

/**
 * Split an argument the way CommandLine does ("--name=value", "-name=value").
 * \param arg the argument
 * \param name where the name goes
 * \param value where the value goes ("" without '=')
 * \return false for a non-option argument
 */
bool
SplitOption(const std::string& arg, std::string& name, std::string& value)
{
    std::string::size_type start = arg.rfind("--", 0) == 0 ? 2 : (arg.rfind('-', 0) == 0 ? 1 : 0);
    if (start == 0)
    {
        return false;
    }
    std::string rest = arg.substr(start);
    std::string::size_type eq = rest.find('=');
    name = rest.substr(0, eq);
    value = eq == std::string::npos ? "" : rest.substr(eq + 1);
    return true;
}

} // namespace

bool
SelmcastInterval::Contains(double x) const
{
    return (minOpen ? x > min : x >= min) && (maxOpen ? x < max : x <= max);
}

std::string
SelmcastInterval::ToString() const
{
    return std::string(minOpen ? "(" : "[") + Text(min) + ", " + Text(max) + (maxOpen ? ")" : "]");
}

SelmcastArgs::SelmcastArgs(const std::string& file)
    : m_cmd(file)
{
    std::string base = file.substr(file.find_last_of('/') + 1);
    m_program = base.substr(0, base.find('.'));
}

CommandLine&
SelmcastArgs::GetCommandLine()
{
    return m_cmd;
}

const std::string&
SelmcastArgs::GetProgram() const
{
    return m_program;
}

std::string
SelmcastArgs::ParseTime(const std::string& text, Time min, Time max, Time& value)
{
    return ParseTimeText(text, min, max, value);
}

std::string
SelmcastArgs::ParseUnsigned(const std::string& text, uint64_t min, uint64_t max, uint64_t& value)
{
    const std::string allowed =
        ", allowed: a whole number in " + IntervalText(std::to_string(min), std::to_string(max));
    if (!AllDigitsFrom(text, 0))
    {
        return "'" + text + "' is not a whole number" + allowed;
    }
    errno = 0;
    value = std::strtoull(text.c_str(), nullptr, 10);
    if (errno == ERANGE || value < min || value > max)
    {
        return "'" + text + "' is out of range" + allowed;
    }
    return "";
}

void
SelmcastArgs::Add(const std::string& name,
                  const std::string& help,
                  const std::string& text,
                  std::function<std::string(const std::string&)> set)
{
    auto option = std::make_unique<Option>();
    option->name = name;
    option->text = text;
    option->set = std::move(set);
    m_cmd.AddValue(name, help, option->text);
    m_strict.push_back(std::move(option));
}

void
SelmcastArgs::AddText(const std::string& name,
                      const std::string& help,
                      std::function<std::string(const std::string&)> set)
{
    Add(name, help, "", std::move(set));
}

template <typename T>
void
SelmcastArgs::AddInteger(const std::string& name,
                         const std::string& help,
                         T& target,
                         uint64_t min,
                         uint64_t max)
{
    max = std::min<uint64_t>(max, std::numeric_limits<T>::max());
    Add(name,
        help + ", " + IntervalText(std::to_string(min), std::to_string(max)),
        std::to_string(target),
        [&target, min, max](const std::string& text) {
            uint64_t v = 0;
            std::string error = ParseUnsigned(text, min, max, v);
            target = error.empty() ? static_cast<T>(v) : target;
            return error;
        });
}

void
SelmcastArgs::AddUnsigned(const std::string& name,
                          const std::string& help,
                          uint32_t& target,
                          uint64_t min,
                          uint64_t max)
{
    AddInteger(name, help, target, min, max);
}

void
SelmcastArgs::AddUnsigned(const std::string& name,
                          const std::string& help,
                          uint64_t& target,
                          uint64_t min,
                          uint64_t max)
{
    AddInteger(name, help, target, min, max);
}

void
SelmcastArgs::AddSigned(const std::string& name,
                        const std::string& help,
                        int32_t& target,
                        int32_t min,
                        int32_t max)
{
    const std::string range = IntervalText(std::to_string(min), std::to_string(max));
    Add(name, help + ", " + range, std::to_string(target), [&target, min, max, range](auto& text) {
        int64_t v = 0;
        std::string error = ParseInt64(text, v);
        if (error.empty() && (v < min || v > max))
        {
            error = "'" + text + "' is out of range";
        }
        target = error.empty() ? static_cast<int32_t>(v) : target;
        return error.empty() ? error : error + ", allowed: a whole number in " + range;
    });
}

void
SelmcastArgs::AddReal(const std::string& name,
                      const std::string& help,
                      double& target,
                      const SelmcastInterval& range)
{
    Add(name, help + ", " + range.ToString(), Text(target), [&target, range](auto& text) {
        double v = 0;
        std::string error = ParseFinite(text, v);
        if (error.empty() && !range.Contains(v))
        {
            error = "'" + text + "' is out of range";
        }
        target = error.empty() ? v : target;
        return error.empty() ? error : error + ", allowed: a number in " + range.ToString();
    });
}

void
SelmcastArgs::AddTime(const std::string& name,
                      const std::string& help,
                      Time& target,
                      Time min,
                      Time max)
{
    Add(name,
        help + ", " + IntervalText(TimeText(min), TimeText(max)),
        TimeText(target),
        [&target, min, max](const std::string& text) {
            return ParseTimeText(text, min, max, target);
        });
}

void
SelmcastArgs::AddRate(const std::string& name,
                      const std::string& help,
                      std::string& target,
                      double minBps,
                      double maxBps)
{
    Add(name,
        help + ", " + IntervalText(RateText(minBps), RateText(maxBps)),
        target,
        [&target, minBps, maxBps](const std::string& text) {
            std::string error = CheckRateText(text, minBps, maxBps);
            target = error.empty() ? text : target;
            return error;
        });
}

std::string
SelmcastArgs::CheckNs3Arguments(int argc, char* argv[]) const
{
    for (int i = 1; i < argc; ++i)
    {
        std::string name;
        std::string value;
        if (!SplitOption(argv[i], name, value) ||
            std::find(m_plain.begin(), m_plain.end(), name) != m_plain.end() ||
            std::any_of(m_strict.begin(),
                        m_strict.end(),
                        [&name](const auto& o) { return o->name == name; }) ||
            name == "help" || name == "version" || name.rfind("Print", 0) == 0)
        {
            continue; // ours, or ns-3's informational options
        }
        Ptr<const AttributeChecker> checker;
        for (auto g = GlobalValue::Begin(); g != GlobalValue::End(); ++g)
        {
            checker = (*g)->GetName() == name ? (*g)->GetChecker() : checker;
        }
        std::string::size_type split = name.rfind("::");
        TypeId tid;
        TypeId::AttributeInformation info;
        if (!checker && name.rfind("ns3::", 0) == 0 && split > 3 &&
            TypeId::LookupByNameFailSafe(name.substr(0, split), &tid) &&
            tid.LookupAttributeByName(name.substr(split + 2), &info))
        {
            checker = info.checker;
        }
        if (!checker)
        {
            return name + ": unknown option, allowed: the options --PrintHelp lists, ns-3's "
                          "globals (--PrintGlobals) and --ns3::Type::Attribute";
        }
        // ns-3's MRG32k3a aborts on a seed of 0 or >= its moduli (m2 = 4294944443).
        uint64_t seed = 0;
        std::string error = name == "RngSeed" ? ParseUnsigned(value, 1, 4294944442ULL, seed)
                                              : CheckAttributeText(value, checker);
        if (!error.empty())
        {
            return name + ": " + error;
        }
    }
    return "";
}

std::string
SelmcastArgs::Parse(int argc, char* argv[])
{
    // The raw text of every strict option, parsed here: CommandLine would trim " 1" to "1" and
    // print its whole help for an empty value.
    for (int i = 1; i < argc; ++i)
    {
        std::string name;
        std::string value;
        if (!SplitOption(argv[i], name, value))
        {
            continue;
        }
        m_given.push_back(name);
        for (const auto& option : m_strict)
        {
            std::string error = option->name == name ? option->set(value) : "";
            if (!error.empty())
            {
                return name + ": " + error;
            }
        }
        if (value.empty() &&
            std::find(m_needsValue.begin(), m_needsValue.end(), name) != m_needsValue.end())
        {
            return name + ": no value given, allowed: --" + name + "=<value>";
        }
    }
    std::string error = CheckNs3Arguments(argc, argv);
    if (error.empty())
    {
        // The strings and booleans; the strict options are set already and stay away from
        // CommandLine, which would print its whole help for an empty value.
        std::vector<char*> rest;
        for (int i = 0; i < argc; ++i)
        {
            std::string name;
            std::string value;
            bool strict = i > 0 && SplitOption(argv[i], name, value) &&
                          std::any_of(m_strict.begin(), m_strict.end(), [&name](const auto& o) {
                              return o->name == name;
                          });
            if (!strict)
            {
                rest.push_back(argv[i]);
            }
        }
        m_cmd.Parse(static_cast<int>(rest.size()), rest.data());
    }
    return error;
}

bool
SelmcastArgs::IsGiven(const std::string& name) const
{
    return std::find(m_given.begin(), m_given.end(), name) != m_given.end();
}

int
SelmcastArgs::Refuse(const std::string& message) const
{
    std::cerr << m_program << ": invalid parameter: " << message << std::endl;
    return 1;
}

void
SelmcastArgs::WarnIgnored(const std::vector<std::string>& names, const std::string& why) const
{
    for (const auto& name : names)
    {
        if (IsGiven(name))
        {
            std::cerr << m_program << ": warning: --" << name << " is ignored (" << why << ")"
                      << std::endl;
        }
    }
}

} // namespace ns3
