/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-results.h"

#include "ns3/callback.h"
#include "ns3/simulator.h"

#if defined(__has_include)
#if __has_include("ns3/version-defines.h")
#include "ns3/version-defines.h"
#endif
#endif

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * \param values samples (copied, sorted here)
 * \param q quantile in [0, 1]
 * \return the nearest-rank quantile (0 when empty)
 */
double
Quantile(std::vector<double> values, double q)
{
    if (values.empty())
    {
        return 0;
    }
    std::sort(values.begin(), values.end());
    std::size_t rank = static_cast<std::size_t>(std::ceil(q * values.size()));
    return values[rank == 0 ? 0 : rank - 1];
}

/**
 * \param values samples
 * \return their mean (0 when empty)
 */
double
Mean(const std::vector<double>& values)
{
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    return values.empty() ? 0 : sum / values.size();
}

/**
 * \param text any text
 * \return it as a JSON string literal
 */
std::string
Quote(const std::string& text)
{
    std::ostringstream os;
    os << '"';
    for (char c : text)
    {
        if (c == '"' || c == '\\')
        {
            os << '\\' << c;
        }
        else if (static_cast<unsigned char>(c) < 0x20)
        {
            os << "\\u" << std::hex << std::setw(4) << std::setfill('0') << int(c) << std::dec;
        }
        else
        {
            os << c;
        }
    }
    os << '"';
    return os.str();
}

} // namespace

SelmcastResults::SelmcastResults(std::string outDir, std::string prefix, bool wallClock)
    : m_dir(std::move(outDir)),
      m_prefix(std::move(prefix)),
      m_wallClock(wallClock)
{
}

void
SelmcastResults::AddParameter(const std::string& name, const std::string& value)
{
    m_params.emplace_back(name, value);
}

std::string
SelmcastResults::GetCsvPath() const
{
    return m_dir + "/" + m_prefix + "-rounds.csv";
}

std::string
SelmcastResults::GetJsonPath() const
{
    return m_dir + "/" + m_prefix + "-summary.json";
}

std::string
SelmcastResults::Ns3Version()
{
#ifdef NS3_VERSION_MAJOR
    std::ostringstream os;
    os << NS3_VERSION_MAJOR << "." << NS3_VERSION_MINOR << "." << NS3_VERSION_PATCH;
    return os.str();
#else
    return "unknown";
#endif
}

std::string
SelmcastResults::Open()
{
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec)
    {
        return "outDir: cannot create '" + m_dir + "': " + ec.message();
    }
    m_csv.open(GetCsvPath(), std::ios::out | std::ios::trunc);
    if (!m_csv)
    {
        return "outDir: cannot write '" + GetCsvPath() + "'";
    }
    m_csv << "round,start_s,sync_start_s,end_s,duration_s,transfer_s,plan_t_s,fluid_ideal_s,"
             "fluid_maxmin_s,normalized_completion,normalized_plan,workers,pairs,"
             "completed_pairs,scale,wire_bytes,repair_bytes,selector_s\n";
    m_csv.flush();
    WriteSummary();
    return "";
}

void
SelmcastResults::Connect(Ptr<SelmcastController> controller,
                         std::vector<Ptr<SelmcastTrainer>> trainers)
{
    m_trainers = std::move(trainers);
    m_n = m_trainers.size();
    controller->TraceConnectWithoutContext("RoundComplete",
                                           MakeCallback(&SelmcastResults::OnRound, this));
    controller->TraceConnectWithoutContext("WorkerExcluded",
                                           MakeCallback(&SelmcastResults::OnExcluded, this));
    controller->TraceConnectWithoutContext("WorkerReturned",
                                           MakeCallback(&SelmcastResults::OnReturned, this));
}

void
SelmcastResults::OnRound(const SelmcastRoundRecord& record)
{
    SelmcastRoundRecord r = record;
    // The plan matrices are not needed for the summary: keep memory flat over long runs.
    r.plan = selmcast::Plan();
    r.forced = selmcast::Matrix<uint8_t>();
    r.delivered = selmcast::Matrix<uint8_t>();
    r.workerIds.clear();
    if (!m_wallClock)
    {
        r.selectorSeconds = 0;
    }
    m_rounds.push_back(r);
    if (m_csv)
    {
        double ideal = r.fluidIdeal > 0 ? r.fluidIdeal : 1;
        m_csv << std::setprecision(9) << r.round << "," << r.start.GetSeconds() << ","
              << r.syncStart.GetSeconds() << "," << r.end.GetSeconds() << ","
              << (r.end - r.start).GetSeconds() << "," << r.TransferSeconds() << "," << r.planTime
              << "," << r.fluidIdeal << "," << r.fluidMaxMin << "," << r.TransferSeconds() / ideal
              << "," << r.planTime / ideal << "," << r.workers << "," << r.pairs << ","
              << r.completedPairs << "," << r.scale << "," << r.wireBytes << "," << r.repairBytes
              << "," << r.selectorSeconds << "\n";
        m_csv.flush();
    }
    WriteSummary();
}

void
SelmcastResults::OnReturned(uint32_t worker, uint32_t round)
{
    m_returned.emplace_back(worker, round);
    WriteSummary();
}

void
SelmcastResults::OnExcluded(uint32_t worker, uint32_t round)
{
    m_excluded.emplace_back(worker, round);
    WriteSummary();
}

double
SelmcastComputeSeconds(const std::vector<Ptr<SelmcastTrainer>>& trainers)
{
    double compute = 0;
    for (const auto& t : trainers)
    {
        compute += t->GetComputeTime().GetSeconds();
    }
    return compute;
}

void
SelmcastResults::SetComputeOverRanks(double seconds)
{
    m_computeOverRanks = seconds;
    WriteSummary();
}

void
SelmcastResults::WriteSummary()
{
    if (!m_csv)
    {
        return; // not opened: write nothing at all
    }
    std::vector<double> roundTimes;
    std::vector<double> transferTimes;
    std::vector<double> normalized;
    std::vector<double> normalizedPlan;
    std::vector<double> selector;
    std::vector<double> scale;
    uint64_t wire = 0;
    uint64_t repair = 0;
    for (const auto& r : m_rounds)
    {
        roundTimes.push_back((r.end - r.start).GetSeconds());
        transferTimes.push_back(r.TransferSeconds());
        if (r.fluidIdeal > 0)
        {
            normalized.push_back(r.TransferSeconds() / r.fluidIdeal);
            normalizedPlan.push_back(r.planTime / r.fluidIdeal);
        }
        selector.push_back(r.selectorSeconds);
        scale.push_back(r.scale);
        wire += r.wireBytes;
        repair += r.repairBytes;
    }
    double compute =
        m_computeOverRanks >= 0 ? m_computeOverRanks : SelmcastComputeSeconds(m_trainers);
    double elapsed = m_rounds.empty() ? 0 : m_rounds.back().end.GetSeconds();
    double utilization = (elapsed > 0 && m_n > 0) ? compute / (m_n * elapsed) : 0;

    std::string tmp = GetJsonPath() + ".tmp";
    {
        std::ofstream js(tmp, std::ios::out | std::ios::trunc);
        js << std::setprecision(9);
        js << "{\n  \"module\": \"selmcast\",\n  \"module_version\": " << Quote(MODULE_VERSION)
           << ",\n  \"ns3_version\": " << Quote(Ns3Version()) << ",\n  \"parameters\": {";
        for (std::size_t i = 0; i < m_params.size(); ++i)
        {
            js << (i ? "," : "") << "\n    " << Quote(m_params[i].first) << ": "
               << Quote(m_params[i].second);
        }
        js << "\n  },\n  \"rounds\": " << m_rounds.size()
           << ",\n  \"npu_utilization\": " << utilization
           << ",\n  \"average_scale\": " << Mean(scale)
           << ",\n  \"round_time_s\": {\"mean\": " << Mean(roundTimes)
           << ", \"p50\": " << Quantile(roundTimes, 0.5)
           << ", \"p99\": " << Quantile(roundTimes, 0.99)
           << "},\n  \"transfer_time_s\": {\"mean\": " << Mean(transferTimes)
           << ", \"p50\": " << Quantile(transferTimes, 0.5)
           << ", \"p99\": " << Quantile(transferTimes, 0.99)
           << "},\n  \"normalized_completion\": " << Mean(normalized)
           << ",\n  \"normalized_plan\": " << Mean(normalizedPlan)
           << ",\n  \"selector_s\": " << Mean(selector) << ",\n  \"wire_bytes\": " << wire
           << ",\n  \"repair_bytes\": " << repair << ",\n  \"excluded_workers\": [";
        for (std::size_t i = 0; i < m_excluded.size(); ++i)
        {
            js << (i ? ", " : "") << "{\"worker\": " << m_excluded[i].first
               << ", \"round\": " << m_excluded[i].second << "}";
        }
        js << "],\n  \"returned_workers\": [";
        for (std::size_t i = 0; i < m_returned.size(); ++i)
        {
            js << (i ? ", " : "") << "{\"worker\": " << m_returned[i].first
               << ", \"round\": " << m_returned[i].second << "}";
        }
        js << "]\n}\n";
    }
    std::rename(tmp.c_str(), GetJsonPath().c_str());
}

} // namespace ns3
