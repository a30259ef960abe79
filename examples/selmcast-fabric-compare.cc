/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Flow-level comparison of the selectors on oversubscribed fabrics (issue 11, part 3), from the
// selection core only: no packet is simulated. For seeded paper instances (spec section 7: unit
// volumes, bandwidths b(1 + lambda x), p = pRatio n) on a leaf-spine and a fat-tree at every
// oversubscription asked for, each selector picks one BSP round and the example prints the
// medians over the trials of the generalized t(X) (every fabric link), the paper's t(X) (ports
// only), the multicast scale, and t(X) over SELMCAST's t(X) on the same instance.
//
// Output: a table on stdout and one CSV row per trial in <outDir>/selmcast-fabric-compare.csv
// (columns: topology, oversubscription, delivery, selector, trial, n, p, fabric_t, port_t,
// scale). Times are in units of v / b (volumes 1, mean port bandwidth 1); the fabric's host
// links have the mean rate b, and its core links b x hosts per leaf (or per edge) / (uplinks x
// oversubscription). The seed of every trial comes from ns-3's RNG (--RngRun).

#include "ns3/core-module.h"
#include "ns3/selmcast-module.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/** One fabric of the comparison. */
struct FabricCase
{
    std::string topology;                           //!< "leaf-spine" or "fat-tree"
    double oversubscription;                        //!< the ratio it was built with
    std::shared_ptr<const selmcast::Fabric> fabric; //!< the fabric
};

/** What one selector gave on one instance. */
struct Outcome
{
    double fabricTime; //!< generalized t(X)
    double portTime;   //!< the paper's t(X)
    double scale;      //!< sum x / n^2
};

/**
 * \param values a sample (copied)
 * \return its median (mean of the middle two for an even size)
 */
double
Median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t m = values.size() / 2;
    return values.size() % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
}

/**
 * \param text comma-separated reals
 * \param values where they go
 * \return "" or what is wrong, with the allowed range
 */
std::string
ParseRatios(const std::string& text, std::vector<double>& values)
{
    values.clear();
    if (!text.empty() && text.back() == ',')
    {
        return "'" + text + "' ends with a comma, allowed: comma-separated reals in (0, 1000]";
    }
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        char* end = nullptr;
        const double x = std::strtod(item.c_str(), &end);
        // Decimal numbers only: strtod would also take hexadecimal, "inf" and leading spaces.
        const bool decimal = item.find_first_not_of("0123456789.eE+-") == std::string::npos;
        if (!decimal || *end != '\0' || !std::isfinite(x) || x <= 0 || x > 1000)
        {
            return "'" + item + "' is out of range, allowed: comma-separated reals in (0, 1000]";
        }
        values.push_back(x);
    }
    return values.empty() ? "empty, allowed: comma-separated reals in (0, 1000]" : "";
}

/**
 * \param name a selector name
 * \param fabric the fabric the topology-aware selector gets
 * \return the selector
 */
std::unique_ptr<selmcast::Selector>
MakeFor(const std::string& name, const std::shared_ptr<const selmcast::Fabric>& fabric)
{
    auto selector = selmcast::MakeSelector(name);
    if (auto* aware = dynamic_cast<selmcast::FabricSelmcastSelector*>(selector.get()))
    {
        aware->SetFabric(fabric);
    }
    return selector;
}

/**
 * \param text a comma-separated list of selector names
 * \param names where they go
 * \return "" or what is wrong
 */
std::string
ParseSelectors(const std::string& text, std::vector<std::string>& names)
{
    names.clear();
    std::stringstream in(text);
    std::string item;
    const auto known = selmcast::SelectorNames();
    while (std::getline(in, item, ','))
    {
        if (std::find(known.begin(), known.end(), item) == known.end() || item == "optimum")
        {
            return "unknown '" + item +
                   "', allowed: a comma-separated list of selmcast, selmcast-fabric, random, "
                   "broadcast";
        }
        names.push_back(item);
    }
    return names.empty() ? "empty, allowed: a comma-separated list of selmcast, "
                           "selmcast-fabric, random, broadcast"
                         : "";
}

/** The parameters of a run. */
struct Parameters
{
    uint32_t leaves{4};                     //!< leaf-spine leaves
    uint32_t spines{2};                     //!< leaf-spine spines
    uint32_t hostsPerLeaf{8};               //!< leaf-spine hosts per leaf
    uint32_t fatTreeK{4};                   //!< fat-tree k (0: none)
    double pRatio{0.3};                     //!< p / n
    double lambda{0.25};                    //!< bandwidth spread
    std::string delivery{"L3"};             //!< L3, L7 or both
    uint32_t trials{10};                    //!< instances per case
    std::vector<double> ratios{1, 2, 4, 8}; //!< os
    std::vector<std::string> selectors{"selmcast",
                                       "selmcast-fabric",
                                       "random",
                                       "broadcast"}; //!< names
    std::string outDir{"."};                         //!< CSV folder
};

/**
 * \param par the parameters
 * \return every fabric of the comparison
 */
std::vector<FabricCase>
MakeCases(const Parameters& par)
{
    std::vector<FabricCase> cases;
    for (double os : par.ratios)
    {
        selmcast::LeafSpineFabricSpec spec;
        spec.leaves = par.leaves;
        spec.spines = par.spines;
        spec.hostsPerLeaf = par.hostsPerLeaf;
        spec.oversubscription = os;
        cases.push_back(
            {"leaf-spine", os, std::make_shared<selmcast::Fabric>(MakeLeafSpineFabric(spec))});
    }
    for (double os : (par.fatTreeK > 0 ? par.ratios : std::vector<double>()))
    {
        selmcast::FatTreeFabricSpec spec;
        spec.k = par.fatTreeK;
        spec.aggregationOversubscription = os;
        cases.push_back(
            {"fat-tree", os, std::make_shared<selmcast::Fabric>(MakeFatTreeFabric(spec))});
    }
    return cases;
}

/**
 * Run every selector on every trial of one fabric and delivery, print the table rows and write
 * the CSV rows.
 * \param par the parameters
 * \param c the fabric
 * \param delivery the delivery
 * \param seeds one seed per trial
 * \param csv the CSV output
 * \return false when a selector returned an invalid plan
 */
bool
RunCase(const Parameters& par,
        const FabricCase& c,
        selmcast::Delivery delivery,
        const std::vector<uint64_t>& seeds,
        std::ostream& csv)
{
    const uint32_t n = c.fabric->GetHosts();
    selmcast::PaperInstance setting;
    setting.n = n;
    setting.p = std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(par.pRatio * n)));
    setting.p = std::min(setting.p, n - 1);
    setting.lambda = par.lambda;
    setting.delivery = delivery;
    std::map<std::string, std::vector<Outcome>> outcomes;
    bool valid = true;
    for (uint32_t t = 0; t < par.trials; ++t)
    {
        selmcast::Rng instanceRng(seeds[t]);
        const selmcast::Problem problem = selmcast::MakePaperProblem(setting, instanceRng);
        for (const std::string& name : par.selectors)
        {
            selmcast::Rng rng(seeds[t] ^ 0x5e1c0a57ULL);
            const selmcast::Plan plan = MakeFor(name, c.fabric)->SelectRound(problem, rng);
            valid = valid && selmcast::CheckPlan(problem, plan).empty();
            const Outcome o{selmcast::FabricCompletionTime(problem, *c.fabric, plan),
                            selmcast::CompletionTime(problem, plan),
                            selmcast::MulticastScale(plan)};
            outcomes[name].push_back(o);
            csv << c.topology << "," << c.oversubscription << "," << ToString(delivery) << ","
                << name << "," << t << "," << n << "," << setting.p << "," << o.fabricTime << ","
                << o.portTime << "," << o.scale << "\n";
        }
    }
    for (const std::string& name : par.selectors)
    {
        std::vector<double> fabricT, portT, scale, ratio;
        for (uint32_t t = 0; t < par.trials; ++t)
        {
            const Outcome& o = outcomes[name][t];
            fabricT.push_back(o.fabricTime);
            portT.push_back(o.portTime);
            scale.push_back(o.scale);
            if (outcomes.count("selmcast"))
            {
                ratio.push_back(o.fabricTime / outcomes["selmcast"][t].fabricTime);
            }
        }
        std::cout << std::left << std::setw(11) << c.topology << std::setw(6) << c.oversubscription
                  << std::setw(4) << ToString(delivery) << std::setw(17) << name << std::fixed
                  << std::setprecision(3) << std::setw(10) << Median(fabricT) << std::setw(10)
                  << Median(portT) << std::setw(8) << Median(scale);
        if (!ratio.empty())
        {
            std::cout << Median(ratio);
        }
        std::cout << std::defaultfloat << "\n";
    }
    return valid;
}

} // namespace

int
main(int argc, char* argv[])
{
    Parameters par;
    SelmcastArgs args(__FILE__);
    args.GetCommandLine().Usage("Flow-level comparison of the selectors on oversubscribed "
                                "leaf-spine and fat-tree fabrics (selection core only).");
    args.AddUnsigned("leaves", "leaf-spine leaves", par.leaves, 1, 1024);
    args.AddUnsigned("spines", "leaf-spine spines", par.spines, 1, 1024);
    args.AddUnsigned("hostsPerLeaf", "leaf-spine hosts per leaf", par.hostsPerLeaf, 1, 1024);
    args.AddUnsigned("fatTreeK", "fat-tree k, even; 0: no fat-tree", par.fatTreeK, 0, 16);
    args.AddReal("pRatio", "p / n", par.pRatio, {0, 1, true, true});
    args.AddReal("lambda", "bandwidth spread: b(1 + lambda x)", par.lambda, {0, 1, false, true});
    args.AddValue("delivery", "L3, L7 or both", par.delivery);
    args.AddUnsigned("trials", "seeded instances per case", par.trials, 1, 100000);
    args.AddText("oversubscriptions",
                 "comma-separated oversubscription ratios in (0, 1000]",
                 [&par](const std::string& text) { return ParseRatios(text, par.ratios); });
    args.AddText("selectors",
                 "comma-separated: selmcast, selmcast-fabric, random, broadcast",
                 [&par](const std::string& text) { return ParseSelectors(text, par.selectors); });
    args.AddValue("outDir", "folder of the CSV output (created when missing)", par.outDir);
    std::string error = args.Parse(argc, argv);
    const uint64_t n = static_cast<uint64_t>(par.leaves) * par.hostsPerLeaf;
    if (error.empty() && (n < 2 || n > 4096))
    {
        error = "hostsPerLeaf: leaves x hostsPerLeaf = " + std::to_string(n) +
                " is out of range, allowed: [2, 4096]";
    }
    if (error.empty() && par.fatTreeK % 2 != 0)
    {
        error = "fatTreeK: " + std::to_string(par.fatTreeK) +
                " is out of range, allowed: 0 or an even number in [2, 16]";
    }
    std::vector<selmcast::Delivery> deliveries;
    if (par.delivery == "both")
    {
        deliveries = {selmcast::Delivery::L3, selmcast::Delivery::L7};
    }
    else if (par.delivery == "L3" || par.delivery == "L7")
    {
        deliveries = {selmcast::ParseDelivery(par.delivery)};
    }
    else if (error.empty())
    {
        error = "delivery: unknown '" + par.delivery + "', allowed: L3, L7, both";
    }
    if (!error.empty())
    {
        return args.Refuse(error);
    }
    std::error_code ec;
    std::filesystem::create_directories(par.outDir, ec);
    std::ofstream csv(par.outDir + "/selmcast-fabric-compare.csv");
    if (!csv)
    {
        return args.Refuse("outDir: '" + par.outDir +
                           "' cannot be created or written, allowed: a writable folder");
    }
    csv << "topology,oversubscription,delivery,selector,trial,n,p,fabric_t,port_t,scale\n";

    Ptr<UniformRandomVariable> draw = CreateObject<UniformRandomVariable>();
    draw->SetStream(0);
    std::vector<uint64_t> seeds(par.trials);
    for (auto& s : seeds)
    {
        s = (static_cast<uint64_t>(draw->GetInteger(0, 0xffffffffU)) << 32) |
            draw->GetInteger(0, 0xffffffffU);
    }
    std::cout << "Flow-level (no packets): medians over " << par.trials << " instances, p = round("
              << par.pRatio << " n), lambda = " << par.lambda
              << ", RngRun = " << RngSeedManager::GetRun() << "\n"
              << "t in units of v / b; vs selmcast: median of t / SELMCAST's t per instance\n\n"
              << std::left << std::setw(11) << "topology" << std::setw(6) << "os" << std::setw(4)
              << "" << std::setw(17) << "selector" << std::setw(10) << "t(X)" << std::setw(10)
              << "port t" << std::setw(8) << "scale"
              << "vs selmcast\n";
    bool valid = true;
    for (const FabricCase& c : MakeCases(par))
    {
        for (selmcast::Delivery d : deliveries)
        {
            valid = RunCase(par, c, d, seeds, csv) && valid;
        }
    }
    std::cout << "\nper-trial rows: " << par.outDir << "/selmcast-fabric-compare.csv\n";
    if (!valid)
    {
        std::cerr << "selmcast-fabric-compare: a selector returned an invalid plan\n";
        return 1;
    }
    return 0;
}
